package dev.mooring.api.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mooring.api.ApiRequest;
import dev.mooring.api.ApiResponse;
import dev.mooring.api.HttpHandler;
import dev.mooring.api.decorator.SigV4Region;
import dev.mooring.api.xml.Binding;
import dev.mooring.api.xml.XmlTrees;
import dev.mooring.core.json.Json;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.Operations;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.operation.ServiceException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The restXml protocol handler: finds the operation whose binding matches the method and path, builds its request
 * record from the XML body, the path labels and the query parameters, and writes the response record as
 * {@code <OperationResponse>} with the binding's status.
 */
public final class RestXml implements HttpHandler {
    public static final String XML = "text/xml";

    private record Route(RestXmlService service, HttpBinding binding, Operations.Entry<?, ?> entry) {}

    private final List<Route> routes = new ArrayList<>();
    private final JsonMapper mapper = Json.xmlWire();
    private final String accountId;
    private final Clock clock;

    public RestXml(String accountId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
    }

    /** Serves a service's operations at their bindings; an operation without one (or the reverse) is a bug. */
    public RestXml serve(Operations operations) {
        RestXmlService service = RestXmlService.named(operations.service()).orElseThrow(() ->
                new IllegalArgumentException("no restXml service is named " + operations.service()));
        for (HttpBinding binding : service.bindings()) {
            Operations.Entry<?, ?> entry = operations.find(binding.operation()).orElseThrow(() ->
                    new IllegalStateException(service.name() + " binds " + binding.operation() + ", not offered"));
            routes.add(new Route(service, binding, entry));
        }
        if (operations.all().size() != service.bindings().size()) {
            throw new IllegalStateException(service.name() + " offers operations that have no HTTP binding");
        }
        return this;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        for (Route route : routes) {
            Optional<Map<String, String>> labels = route.binding().match(request.method(), path);
            if (labels.isPresent()) {
                return invoke(request, route, labels.get());
            }
        }
        throw new ServiceException("UnknownOperationException", ErrorKind.NOT_FOUND,
                "No operation is served at " + request.method() + " " + request.path() + ".");
    }

    private ApiResponse invoke(ApiRequest request, Route route, Map<String, String> labels) {
        Operations.Entry<?, ?> entry = route.entry();
        ObjectNode tree = request.body().length == 0 || !request.method().equals("POST")
                ? mapper.createObjectNode()
                : XmlTrees.read(request.body(), entry.input(), mapper, "InvalidInput");
        labels.forEach(tree::put);
        route.binding().queryMembers().forEach((param, member) -> {
            List<String> values = request.query().get(param);
            if (values != null && !values.isEmpty()) {
                tree.put(member, values.getFirst());
            }
        });
        RequestContext context = new RequestContext(request.requestId(),
                request.region() != null ? request.region() : SigV4Region.DEFAULT_REGION, accountId, clock.instant());
        JsonNode result = call(entry, context, tree);
        RestXmlService service = route.service();
        byte[] body = XmlTrees.document(w -> {
            w.writeStartElement(entry.name() + "Response");
            w.writeDefaultNamespace(service.xmlns());
            if (result != null) {
                XmlTrees.members(w, result, service::itemName);
            }
            w.writeEndElement();
        });
        ApiResponse response = new ApiResponse(route.binding().status(), XML, Map.of(), body);
        JsonNode location = result == null ? null : result.path("HostedZone").path("Id");
        if (route.binding().status() == 201 && location != null && location.isTextual()) {
            // Route 53 answers a created zone with its URL, as HTTP 201 asks
            response = response.withHeader("Location", "https://route53.amazonaws.com/2013-04-01" + location.asText());
        }
        return response;
    }

    private <I, O> JsonNode call(Operations.Entry<I, O> entry, RequestContext context, JsonNode tree) {
        I input = Binding.bind(mapper, tree, entry.input(), "InvalidInput");
        O output = entry.operation().handle(context, input);
        return output == null ? null : mapper.valueToTree(output);
    }

    /** The HTTP status restXml gives each kind of error (Route 53 models NoSuchHostedZone as a 404). */
    static int status(ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case INTERNAL -> 500;
        };
    }

    /** restXml's error shape, in Route 53's namespace. */
    public static ApiResponse error(ApiRequest request, ServiceException e) {
        String code = e.kind() == ErrorKind.INTERNAL ? "InternalFailure" : e.code();
        byte[] body = XmlTrees.document(w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(RestXmlService.ROUTE53.xmlns());
            w.writeStartElement("Error");
            XmlTrees.element(w, "Type", e.kind().fault() == ErrorKind.Fault.CLIENT ? "Sender" : "Receiver");
            XmlTrees.element(w, "Code", code);
            XmlTrees.element(w, "Message", e.getMessage());
            w.writeEndElement();
            XmlTrees.element(w, "RequestId", request.requestId() == null ? "" : request.requestId());
            w.writeEndElement();
        });
        return new ApiResponse(status(e.kind()), XML, Map.of(), body);
    }
}
