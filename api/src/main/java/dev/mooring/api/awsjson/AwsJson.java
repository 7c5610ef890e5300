package dev.mooring.api.awsjson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mooring.api.ApiRequest;
import dev.mooring.api.ApiResponse;
import dev.mooring.api.HttpHandler;
import dev.mooring.api.decorator.SigV4Region;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.Operations;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.operation.ServiceException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The awsJson1_1 protocol handler: finds the operation named by {@code X-Amz-Target}, binds the body to its request
 * record, calls it and writes its response record. Failures are thrown as {@link ServiceException}; the route's
 * {@link dev.mooring.api.decorator.ErrorMapping} renders them with {@link #error}.
 */
public final class AwsJson implements HttpHandler {
    private static final Set<String> JSON_TYPES =
            Set.of("application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json");

    /** Where Jackson's parse messages turn from the reason to advice about its own settings. */
    private static final List<String> HINTS = List.of(" (start marker", " (for Object starting at",
            " (for Array starting at", " (for root starting at", ": enable ", ", from `", "\n");

    private record Route(AwsJsonService service, Operations.Entry<?, ?> entry) {}

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final String accountId;
    private final Clock clock;

    public AwsJson(String accountId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
    }

    /** Serves a service's operations under its awsJson name, found by the service's signing name. */
    public AwsJson serve(Operations operations) {
        AwsJsonService service = AwsJsonService.named(operations.service()).orElseThrow(() ->
                new IllegalArgumentException("no awsJson1_1 service is named " + operations.service()));
        for (Operations.Entry<?, ?> entry : operations.all()) {
            if (routes.putIfAbsent(service.target(entry.name()), new Route(service, entry)) != null) {
                throw new IllegalStateException("operation served twice: " + service.target(entry.name()));
            }
        }
        return this;
    }

    /** Every routed target, for docs and tests that check the list is complete. */
    public Set<String> targets() {
        return Set.copyOf(routes.keySet());
    }

    /** The request record a target binds its body to, for tests that derive bad input from its members. */
    public Optional<Class<?>> inputOf(String target) {
        return Optional.ofNullable(routes.get(target)).<Class<?>>map(r -> r.entry().input());
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("POST") || !request.path().equals("/")) {
            throw new ServiceException("UnknownOperationException", ErrorKind.NOT_FOUND,
                    "AWS JSON APIs are served at POST /; got " + request.method() + " " + request.path() + ".");
        }
        String target = request.header("X-Amz-Target");
        Route route = target == null ? null : routes.get(target);
        if (route == null) {
            throw new ServiceException("UnknownOperationException", target == null
                    ? "Missing X-Amz-Target header: name the operation as <service prefix>.<Operation>."
                    : "Unknown operation " + target + ".");
        }
        if (!JSON_TYPES.contains(request.mediaType())) {
            String sent = request.header("Content-Type");
            throw new ServiceException("UnsupportedMediaTypeException", ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + ApiResponse.AMZ_JSON + ", not '" + (sent == null ? "" : sent) + "'.");
        }
        RequestContext context = new RequestContext(request.requestId(),
                request.region() != null ? request.region() : SigV4Region.DEFAULT_REGION, accountId, clock.instant());
        return new ApiResponse(200, ApiResponse.AMZ_JSON, Map.of(),
                invoke(route.service(), route.entry(), context, request.body()));
    }

    private static <I, O> byte[] invoke(AwsJsonService service, Operations.Entry<I, O> entry,
                                        RequestContext context, byte[] body) {
        var mapper = service.mapper();
        I input;
        try {
            JsonNode tree = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                tree = mapper.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new ServiceException("SerializationException", "The request body must be a JSON object.");
            }
            input = mapper.treeToValue(tree, entry.input());
        } catch (InvalidNullException e) {
            throw new ServiceException("SerializationException", "Member '" + path(e) + "' holds a null: lists and"
                    + " maps take values only; leave the entry out instead.");
        } catch (MismatchedInputException e) {
            throw new ServiceException("SerializationException", describe(e));
        } catch (StreamConstraintsException e) {
            throw new ServiceException("SerializationException", e.getMessage().contains("nesting depth")
                    ? "The request body nests deeper than " + mapper.getFactory().streamReadConstraints()
                            .getMaxNestingDepth() + " levels."
                    : "A number, string or member name in the request body is longer than allowed.");
        } catch (JsonProcessingException e) {
            throw new ServiceException("SerializationException", "Malformed JSON in request body" + where(e) + ": "
                    + reason(e) + ".");
        } catch (java.io.IOException e) {
            throw new ServiceException("SerializationException", "Unreadable request body: " + e.getMessage());
        }
        O output = entry.operation().handle(context, input);
        try {
            return output == null ? "{}".getBytes() : mapper.writeValueAsBytes(output);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + output.getClass().getSimpleName(), e);
        }
    }

    /** Where the parser stopped, as the client can find it in what it sent. */
    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The parser's reason without its hints to Jackson users (feature names, source markers). */
    private static String reason(JsonProcessingException e) {
        String text = e.getOriginalMessage();
        for (String hint : HINTS) {
            int cut = text.indexOf(hint);
            if (cut >= 0) {
                text = text.substring(0, cut);
            }
        }
        return text.replace("`", "").strip();
    }

    private static String path(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "(root)" : path;
    }

    private static String describe(MismatchedInputException e) {
        String path = path(e);
        String expected = e.getTargetType() == null ? "another type" : simpleType(e.getTargetType());
        String got = e instanceof InvalidFormatException f && f.getValue() != null
                ? " (got " + f.getValue().getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")" : "";
        return "Member '" + path + "' has the wrong type: expected " + expected + got + ".";
    }

    private static String simpleType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    /** The HTTP status awsJson1_1 gives each kind of error. */
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

    /**
     * awsJson1_1's error shape: {@code __type}, the service's message member and any modelled extras, plus the
     * {@code x-amzn-ErrorType} header. With no service known from the target, both message spellings, so any client
     * finds the text (also the shape of the admin endpoints' and the router's own errors).
     */
    public static ApiResponse error(ApiRequest request, ServiceException e) {
        String target = request.header("X-Amz-Target");
        Optional<AwsJsonService> service = target == null ? Optional.empty() : AwsJsonService.ALL.stream()
                .filter(s -> target.startsWith(s.targetPrefix() + ".")).findFirst();
        var mapper = service.map(AwsJsonService::mapper).orElse(AwsJsonService.ECS.mapper());
        String code = e.kind() == ErrorKind.INTERNAL
                ? service.map(AwsJsonService::serverFault).orElse("InternalFailure") : e.code();
        ObjectNode node = mapper.createObjectNode();
        node.put("__type", code);
        if (service.isPresent()) {
            node.put(service.get().messageMember(), e.getMessage());
        } else {
            node.put("message", e.getMessage());
            node.put("Message", e.getMessage());
        }
        e.extra().forEach((k, v) -> node.set(k, mapper.valueToTree(v)));
        try {
            return new ApiResponse(status(e.kind()), ApiResponse.AMZ_JSON, Map.of("x-amzn-ErrorType", code),
                    mapper.writeValueAsBytes(node));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
