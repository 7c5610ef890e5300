package dev.mooring.api.restxml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One restXml service as clients see it: signing name, XML namespace, the HTTP binding of each operation, and the
 * element name of each list's items (Route 53 names them singly: {@code <HostedZones><HostedZone>}).
 */
public record RestXmlService(String name, String xmlns, String pathPrefix, List<HttpBinding> bindings,
                             Map<String, String> itemNames) {

    public static final RestXmlService ROUTE53 = new RestXmlService("route53",
            "https://route53.amazonaws.com/doc/2013-04-01/", "/2013-04-01/", List.of(
            new HttpBinding("CreateHostedZone", "POST", "/2013-04-01/hostedzone", 201, Map.of()),
            new HttpBinding("GetHostedZone", "GET", "/2013-04-01/hostedzone/{Id}", 200, Map.of()),
            new HttpBinding("DeleteHostedZone", "DELETE", "/2013-04-01/hostedzone/{Id}", 200, Map.of()),
            new HttpBinding("ListHostedZones", "GET", "/2013-04-01/hostedzone", 200, Map.of(
                    "marker", "Marker", "maxitems", "MaxItems", "delegationsetid", "DelegationSetId",
                    "hostedzonetype", "HostedZoneType")),
            new HttpBinding("ListHostedZonesByName", "GET", "/2013-04-01/hostedzonesbyname", 200, Map.of(
                    "dnsname", "DNSName", "hostedzoneid", "HostedZoneId", "maxitems", "MaxItems")),
            new HttpBinding("ChangeResourceRecordSets", "POST", "/2013-04-01/hostedzone/{Id}/rrset", 200, Map.of()),
            new HttpBinding("ListResourceRecordSets", "GET", "/2013-04-01/hostedzone/{Id}/rrset", 200, Map.of(
                    "name", "StartRecordName", "type", "StartRecordType", "identifier", "StartRecordIdentifier",
                    "maxitems", "MaxItems")),
            new HttpBinding("GetChange", "GET", "/2013-04-01/change/{Id}", 200, Map.of()),
            new HttpBinding("ListTagsForResource", "GET", "/2013-04-01/tags/{ResourceType}/{ResourceId+}", 200,
                    Map.of()),
            new HttpBinding("ChangeTagsForResource", "POST", "/2013-04-01/tags/{ResourceType}/{ResourceId+}", 200,
                    Map.of())),
            Map.of("HostedZones", "HostedZone", "ResourceRecordSets", "ResourceRecordSet",
                    "ResourceRecords", "ResourceRecord", "VPCs", "VPC", "NameServers", "NameServer",
                    "Changes", "Change", "Tags", "Tag", "AddTags", "Tag", "RemoveTagKeys", "Key"));

    /** Every service Mooring serves over restXml. */
    public static final List<RestXmlService> ALL = List.of(ROUTE53);

    public static Optional<RestXmlService> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The item name of a list member; a list this table does not name is a bug in the table. */
    public String itemName(String list) {
        String item = itemNames.get(list);
        if (item == null) {
            throw new IllegalStateException(name + ": no item name for list " + list);
        }
        return item;
    }
}
