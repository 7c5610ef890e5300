package dev.mooring.api.awsquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The awsQuery protocol handler: reads {@code Action} and {@code Version} from the form (body or query string), binds
 * the other parameters to the operation's request record, and writes its response record as
 * {@code <ActionResponse><ActionResult>}. Failures are thrown; the route's error mapping renders them with
 * {@link #error}.
 */
public final class AwsQuery implements HttpHandler {
    public static final String XML = "text/xml";
    private static final String FORM = "application/x-www-form-urlencoded";
    /** awsQuery items are always {@code <member>}. */
    private static final XmlTrees.ItemNames MEMBER = list -> "member";

    private record Route(AwsQueryService service, Operations.Entry<?, ?> entry) {}

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final JsonMapper mapper = Json.xmlWire();
    private final String accountId;
    private final Clock clock;

    public AwsQuery(String accountId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
    }

    /** Serves a service's operations by their names as {@code Action}s. */
    public AwsQuery serve(Operations operations) {
        AwsQueryService service = AwsQueryService.named(operations.service()).orElseThrow(() ->
                new IllegalArgumentException("no awsQuery service is named " + operations.service()));
        for (Operations.Entry<?, ?> entry : operations.all()) {
            if (routes.putIfAbsent(entry.name(), new Route(service, entry)) != null) {
                throw new IllegalStateException("action served twice: " + entry.name());
            }
        }
        return this;
    }

    /** Every served action. */
    public Set<String> actions() {
        return Set.copyOf(routes.keySet());
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>(request.query());
        if (FORM.equals(request.mediaType())) {
            new QueryStringDecoder(new String(request.body(), StandardCharsets.UTF_8), false).parameters()
                    .forEach(params::putIfAbsent);
        }
        String action = first(params, "Action");
        Route route = action == null ? null : routes.get(action);
        if (route == null) {
            throw new ServiceException("InvalidAction", action == null
                    ? "The request names no Action."
                    : "The action " + action + " is not valid for this web service.");
        }
        String version = first(params, "Version");
        if (!route.service().version().equals(version)) {
            throw new ServiceException("InvalidParameterValue", version == null
                    ? "The request must contain the parameter Version (" + route.service().version() + ")."
                    : "Version " + version + " is not served; use " + route.service().version() + ".");
        }
        RequestContext context = new RequestContext(request.requestId(),
                request.region() != null ? request.region() : SigV4Region.DEFAULT_REGION, accountId, clock.instant());
        JsonNode result = invoke(route.entry(), context, FormParameters.tree(params));
        byte[] body = XmlTrees.document(w -> {
            w.writeStartElement(action + "Response");
            w.writeDefaultNamespace(route.service().xmlns());
            w.writeStartElement(action + "Result");
            if (result != null) {
                XmlTrees.members(w, result, MEMBER);
            }
            w.writeEndElement();
            w.writeStartElement("ResponseMetadata");
            XmlTrees.element(w, "RequestId", request.requestId());
            w.writeEndElement();
            w.writeEndElement();
        });
        return new ApiResponse(200, XML, Map.of(), body);
    }

    private <I, O> JsonNode invoke(Operations.Entry<I, O> entry, RequestContext context, JsonNode params) {
        I input = Binding.bind(mapper, params, entry.input(), "ValidationError");
        O output = entry.operation().handle(context, input);
        return output == null ? null : mapper.valueToTree(output);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The HTTP status awsQuery gives each kind of error: ELBv2 models its client errors as 400s. */
    static int status(ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST, NOT_FOUND, CONFLICT -> 400;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case INTERNAL -> 500;
        };
    }

    /** awsQuery's error shape, in the (only) awsQuery service's namespace. */
    public static ApiResponse error(ApiRequest request, ServiceException e) {
        String code = e.kind() == ErrorKind.INTERNAL ? "InternalFailure" : e.code();
        byte[] body = XmlTrees.document(w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(AwsQueryService.ELBV2.xmlns());
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
