package dev.mooring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.Operations;
import dev.mooring.core.operation.ServiceException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The awsQuery and restXml shapes on the wire: parameters in, XML out, errors, and what the router sends where. */
class XmlProtocolsTest {
    enum Color { @JsonProperty("light-blue") LIGHT_BLUE, @JsonProperty("red") RED }

    record Tag(String key, String value) {}

    record Item(String id, Integer port, List<String> values) {}

    record PutRequest(String name, Integer count, Color color, List<String> subnets, List<Item> items, Tag tag) {}

    record PutResult(String name, Integer count, Color color, List<Item> items, Instant at,
                     @JsonProperty("DNSName") String dnsName) {}

    record ZoneRequest(String id, String marker, ChangeBatch changeBatch) {}

    record ChangeBatch(String comment, List<Change> changes) {}

    record Change(String action, Record resourceRecordSet) {}

    record Record(String name, @JsonProperty("TTL") Long ttl, List<Value> resourceRecords) {}

    record Value(String value) {}

    record ZoneResponse(Zone hostedZone, List<Zone> hostedZones) {}

    record Zone(String id, String name) {}

    private final AtomicReference<Object> seen = new AtomicReference<>();

    private final HttpHandler api = MooringApi.of("123456789012", Clock.systemUTC(), List.of(
            new Operations("elasticloadbalancing")
                    .register("Put", PutRequest.class, (ctx, in) -> {
                        seen.set(in);
                        return new PutResult(in.name(), in.count(), in.color(), in.items(),
                                Instant.parse("2026-01-02T03:04:05.678Z"), "a<b&c");
                    })
                    .register("Fail", PutRequest.class, (ctx, in) -> {
                        throw new ServiceException("LoadBalancerNotFound", ErrorKind.NOT_FOUND, "no <such> thing");
                    }),
            new Operations("route53")
                    .register("CreateHostedZone", ZoneRequest.class, (ctx, in) -> {
                        seen.set(in);
                        return new ZoneResponse(new Zone("/hostedzone/Z1", "a."), null);
                    })
                    .register("GetHostedZone", ZoneRequest.class, (ctx, in) -> {
                        throw new ServiceException("NoSuchHostedZone", ErrorKind.NOT_FOUND, "No hosted zone " + in.id());
                    })
                    .register("DeleteHostedZone", ZoneRequest.class, (ctx, in) -> null)
                    .register("ListHostedZones", ZoneRequest.class, (ctx, in) -> {
                        seen.set(in);
                        return new ZoneResponse(null, List.of(new Zone("/hostedzone/Z1", "a."),
                                new Zone("/hostedzone/Z2", "b.")));
                    })
                    .register("ListHostedZonesByName", ZoneRequest.class, (ctx, in) -> null)
                    .register("ChangeResourceRecordSets", ZoneRequest.class, (ctx, in) -> {
                        seen.set(in);
                        return null;
                    })
                    .register("ListResourceRecordSets", ZoneRequest.class, (ctx, in) -> null)
                    .register("GetChange", ZoneRequest.class, (ctx, in) -> null)
                    .register("ListTagsForResource", ZoneRequest.class, (ctx, in) -> null)
                    .register("ChangeTagsForResource", ZoneRequest.class, (ctx, in) -> null)), new AdminEndpoints());

    private ApiResponse form(String body) {
        var headers = new DefaultHttpHeaders().add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        return api.handle(ApiRequest.of("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8), false));
    }

    private ApiResponse rest(String method, String uri, String body) {
        return api.handle(ApiRequest.of(method, uri, new DefaultHttpHeaders(),
                body.getBytes(StandardCharsets.UTF_8), false));
    }

    private static Document xml(ApiResponse r) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
    }

    private static String at(Document doc, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
    }

    private static int count(Document doc, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET))
                .getLength();
    }

    @Test
    void flattenedFormParametersBindToNestedMembers() {
        ApiResponse r = form("Action=Put&Version=2015-12-01&Name=a+b%26c&Count=7&Color=light-blue"
                + "&Subnets.member.1=s1&Subnets.member.2=s2&Items.member.2.Id=second&Items.member.1.Id=first"
                + "&Items.member.1.Values.member.1=v&Tag.Key=k&Tag.Value=");
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(seen.get()).isEqualTo(new PutRequest("a b&c", 7, Color.LIGHT_BLUE, List.of("s1", "s2"),
                List.of(new Item("first", null, List.of("v")), new Item("second", null, null)), new Tag("k", "")));
    }

    @Test
    void anEmptyValueIsAnEmptyList() {
        form("Action=Put&Version=2015-12-01&Name=x&Subnets=");
        assertThat(((PutRequest) seen.get()).subnets()).isEmpty();
    }

    @Test
    void theResultIsActionResponseWithMembersListsAndTheRequestId() throws Exception {
        ApiResponse r = form("Action=Put&Version=2015-12-01&Name=x&Count=2&Color=red&Items.member.1.Id=i"
                + "&Items.member.1.Port=80&Items.member.1.Values.member.1=a&Items.member.1.Values.member.2=b");
        assertThat(r.contentType()).isEqualTo("text/xml");
        Document doc = xml(r);
        var root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("PutResponse");
        assertThat(root.getNamespaceURI()).isEqualTo("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");
        assertThat(at(doc, "/*/*[local-name()='PutResult']/*[local-name()='Color']")).isEqualTo("red");
        assertThat(at(doc, "//*[local-name()='Items']/*[local-name()='member']/*[local-name()='Port']")).isEqualTo("80");
        assertThat(count(doc, "//*[local-name()='Values']/*[local-name()='member']")).isEqualTo(2);
        assertThat(at(doc, "//*[local-name()='At']")).isEqualTo("2026-01-02T03:04:05.678Z");
        // explicit names win over the naming convention, and text is escaped, never concatenated
        assertThat(at(doc, "//*[local-name()='DNSName']")).isEqualTo("a<b&c");
        assertThat(count(doc, "/*/*[local-name()='ResponseMetadata']/*[local-name()='RequestId']")).isEqualTo(1);
    }

    @Test
    void errorsAreErrorResponsesInTheNamespaceWithStatus400() throws Exception {
        ApiResponse r = form("Action=Fail&Version=2015-12-01");
        assertThat(r.status()).isEqualTo(400);
        Document doc = xml(r);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
        assertThat(doc.getDocumentElement().getNamespaceURI())
                .isEqualTo("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");
        assertThat(at(doc, "/*/*[local-name()='Error']/*[local-name()='Type']")).isEqualTo("Sender");
        assertThat(at(doc, "/*/*[local-name()='Error']/*[local-name()='Code']")).isEqualTo("LoadBalancerNotFound");
        assertThat(at(doc, "/*/*[local-name()='Error']/*[local-name()='Message']")).isEqualTo("no <such> thing");
    }

    @Test
    void badQueryInputGetsAwsQueryCodes() throws Exception {
        assertThat(at(xml(form("Action=Nope&Version=2015-12-01")), "//*[local-name()='Code']"))
                .isEqualTo("InvalidAction");
        assertThat(at(xml(form("Action=Put&Version=2010-01-01")), "//*[local-name()='Code']"))
                .isEqualTo("InvalidParameterValue");
        Document badEnum = xml(form("Action=Put&Version=2015-12-01&Color=blue"));
        assertThat(at(badEnum, "//*[local-name()='Code']")).isEqualTo("ValidationError");
        assertThat(at(badEnum, "//*[local-name()='Message']")).contains("'blue'").contains("[light-blue, red]");
        assertThat(at(xml(form("Action=Put&Version=2015-12-01&Count=many")), "//*[local-name()='Message']"))
                .contains("Count").contains("integer");
        assertThat(at(xml(form("Action=Put&Version=2015-12-01&Subnets.member.2=s")), "//*[local-name()='Message']"))
                .contains("skips member number 1");
        assertThat(at(xml(form("Action=Put&Version=2015-12-01&Subnets.member.x=s")), "//*[local-name()='Code']"))
                .isEqualTo("ValidationError");
    }

    @Test
    void restXmlBindsBodyLabelsAndQueryAndNamesListItemsSingly() throws Exception {
        ApiResponse created = rest("POST", "/2013-04-01/hostedzone/Z9/rrset/", """
                <?xml version="1.0" encoding="UTF-8"?>
                <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ChangeBatch><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>a.b.</Name>
                  <TTL>60</TTL><ResourceRecords><ResourceRecord><Value>1.2.3.4</Value></ResourceRecord>
                  </ResourceRecords><Unknown><Deep>x</Deep></Unknown></ResourceRecordSet></Change></Changes>
                  </ChangeBatch></ChangeResourceRecordSetsRequest>""");
        assertThat(created.status()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(seen.get()).isEqualTo(new ZoneRequest("Z9", null, new ChangeBatch(null, List.of(new Change(
                "CREATE", new Record("a.b.", 60L, List.of(new Value("1.2.3.4"))))))));

        Document list = xml(rest("GET", "/2013-04-01/hostedzone?marker=Z1&maxitems=5", ""));
        assertThat(((ZoneRequest) seen.get()).marker()).isEqualTo("Z1");
        assertThat(list.getDocumentElement().getLocalName()).isEqualTo("ListHostedZonesResponse");
        assertThat(list.getDocumentElement().getNamespaceURI()).isEqualTo("https://route53.amazonaws.com/doc/2013-04-01/");
        assertThat(count(list, "/*/*[local-name()='HostedZones']/*[local-name()='HostedZone']")).isEqualTo(2);

        ApiResponse zone = rest("POST", "/2013-04-01/hostedzone", "<CreateHostedZoneRequest/>");
        assertThat(zone.status()).isEqualTo(201);
        assertThat(zone.headers()).containsEntry("Location", "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1");
    }

    @Test
    void restXmlErrorsCarryTheModelledStatus() throws Exception {
        ApiResponse r = rest("GET", "/2013-04-01/hostedzone/Znope", "");
        assertThat(r.status()).isEqualTo(404);
        Document doc = xml(r);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("https://route53.amazonaws.com/doc/2013-04-01/");
        assertThat(at(doc, "//*[local-name()='Code']")).isEqualTo("NoSuchHostedZone");
        assertThat(at(doc, "//*[local-name()='Message']")).isEqualTo("No hosted zone Znope");

        assertThat(at(xml(rest("POST", "/2013-04-01/hostedzone/Z1/rrset", "<not xml")), "//*[local-name()='Code']"))
                .isEqualTo("InvalidInput");
        assertThat(rest("PUT", "/2013-04-01/hostedzone/Z1", "").status()).isEqualTo(404);
    }

    @Test
    void documentTypeDeclarationsAreRefused() throws Exception {
        ApiResponse r = rest("POST", "/2013-04-01/hostedzone/Z1/rrset", """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <ChangeResourceRecordSetsRequest><ChangeBatch><Comment>&e;</Comment></ChangeBatch>
                </ChangeResourceRecordSetsRequest>""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("root:");
    }

    @Test
    void theRouterPicksTheProtocolByTheRequestsShape() throws Exception {
        // a form Action goes to awsQuery, X-Amz-Target to awsJson, /2013-04-01/ to restXml
        assertThat(xml(form("Action=Put&Version=2015-12-01&Name=x")).getDocumentElement().getLocalName())
                .isEqualTo("PutResponse");
        var json = new DefaultHttpHeaders().add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.Nope")
                .add("Content-Type", "application/x-amz-json-1.1");
        ApiResponse r = api.handle(ApiRequest.of("POST", "/", json, "{}".getBytes(StandardCharsets.UTF_8), false));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("UnknownOperationException");
        assertThat(rest("GET", "/2013-04-01/change/C1", "").status()).isEqualTo(200);
    }
}
