package dev.mooring.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request by {@code X-Amz-Target} to its operation and turns every outcome, including a bug, into an AWS
 * answer. Nothing thrown here reaches the client as a stack trace.
 */
public final class ApiRouter {
    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);
    private static final Set<String> JSON_TYPES =
            Set.of("application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json");

    /** Where Jackson's parse messages turn from the reason to advice about its own settings. */
    private static final List<String> HINTS = List.of(" (start marker", ": enable ", ", from `", "\n");

    private record Route<I, O>(AwsProtocol protocol, String name, Class<I> input, Operation<I, O> operation) {}

    private final Map<String, Route<?, ?>> routes = new ConcurrentHashMap<>();
    private final String accountId;
    private final Clock clock;

    public ApiRouter(String accountId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
    }

    public <I, O> ApiRouter register(AwsProtocol protocol, String name, Class<I> input, Operation<I, O> operation) {
        if (routes.putIfAbsent(protocol.target(name), new Route<>(protocol, name, input, operation)) != null) {
            throw new IllegalStateException("operation registered twice: " + protocol.target(name));
        }
        return this;
    }

    /** Every routed target, for docs and tests that check the list is complete. */
    public Set<String> targets() {
        return Set.copyOf(routes.keySet());
    }

    /** The request record a target binds its body to, for tests that derive bad input from its members. */
    public Optional<Class<?>> inputOf(String target) {
        return Optional.ofNullable(routes.get(target)).<Class<?>>map(Route::input);
    }

    public ApiResponse dispatch(String requestId, String target, String contentType, String authorization,
                                byte[] body) {
        Route<?, ?> route = target == null ? null : routes.get(target);
        AwsProtocol protocol = route != null ? route.protocol() : protocolOf(target);
        try {
            if (route == null) {
                throw new AwsException("UnknownOperationException", target == null
                        ? "Missing X-Amz-Target header: name the operation as <service prefix>.<Operation>."
                        : "Unknown operation " + target + ".");
            }
            String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!JSON_TYPES.contains(mediaType)) {
                throw new AwsException("UnsupportedMediaTypeException", 415, "Content-Type must be "
                        + ApiResponse.AMZ_JSON + ", not '" + (contentType == null ? "" : contentType) + "'.", Map.of());
            }
            RequestContext context = new RequestContext(requestId, SigV4.region(authorization), accountId,
                    clock.instant());
            return ok(invoke(route, context, body));
        } catch (AwsException e) {
            return error(protocol, e);
        } catch (RuntimeException | Error e) {
            log.error("request {} to {} failed", requestId, target, e);
            return error(protocol, new AwsException(protocol == null ? "InternalFailure" : protocol.serverFault(), 500,
                    "Mooring hit an internal error (request " + requestId + "); the server log has the details.",
                    Map.of()));
        }
    }

    private static <I, O> byte[] invoke(Route<I, O> route, RequestContext context, byte[] body) {
        var mapper = route.protocol().mapper();
        I input;
        try {
            JsonNode tree = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                tree = mapper.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new AwsException("SerializationException", "The request body must be a JSON object.");
            }
            input = mapper.treeToValue(tree, route.input());
        } catch (InvalidNullException e) {
            throw new AwsException("SerializationException", "Member '" + path(e) + "' holds a null: lists and maps"
                    + " take values only; leave the entry out instead.");
        } catch (MismatchedInputException e) {
            throw new AwsException("SerializationException", describe(e));
        } catch (StreamConstraintsException e) {
            throw new AwsException("SerializationException", e.getMessage().contains("nesting depth")
                    ? "The request body nests deeper than " + mapper.getFactory().streamReadConstraints()
                            .getMaxNestingDepth() + " levels."
                    : "A number, string or member name in the request body is longer than allowed.");
        } catch (JsonProcessingException e) {
            throw new AwsException("SerializationException", "Malformed JSON in request body" + where(e) + ": "
                    + reason(e) + ".");
        } catch (java.io.IOException e) {
            throw new AwsException("SerializationException", "Unreadable request body: " + e.getMessage());
        }
        O output = route.operation().handle(context, input);
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

    private AwsProtocol protocolOf(String target) {
        if (target != null) {
            for (Route<?, ?> r : routes.values()) {
                if (target.startsWith(r.protocol().targetPrefix() + ".")) {
                    return r.protocol();
                }
            }
        }
        return null;
    }

    private static ApiResponse ok(byte[] body) {
        return new ApiResponse(200, ApiResponse.AMZ_JSON, null, body);
    }

    private static ApiResponse error(AwsProtocol protocol, AwsException e) {
        var mapper = (protocol != null ? protocol : AwsProtocol.ECS).mapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("__type", e.code());
        if (protocol != null) {
            node.put(protocol.messageMember(), e.getMessage());
        } else {
            // no service known: give both spellings so any client finds the text
            node.put("message", e.getMessage());
            node.put("Message", e.getMessage());
        }
        Map<String, Object> extra = new HashMap<>(e.extra());
        extra.forEach((k, v) -> node.set(k, mapper.valueToTree(v)));
        try {
            return new ApiResponse(e.status(), ApiResponse.AMZ_JSON, e.code(), mapper.writeValueAsBytes(node));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** An error answer for failures found before routing (oversized body, wrong path or method). */
    public static ApiResponse protocolError(int status, String code, String message) {
        return error(null, new AwsException(code, status, message, Map.of()));
    }
}
