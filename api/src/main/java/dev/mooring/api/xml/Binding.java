package dev.mooring.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mooring.core.operation.ServiceException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Binds a tree of text values (what awsQuery and restXml carry) to a request record, turning a value that does not
 * fit into the protocol's validation error with AWS's wording ({@code Value 'x' at 'Port' failed to satisfy
 * constraint: …}).
 */
public final class Binding {
    private Binding() {}

    public static <I> I bind(ObjectMapper mapper, JsonNode tree, Class<I> type, String errorCode) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (InvalidFormatException e) {
            throw new ServiceException(errorCode, "Value '" + e.getValue() + "' at '" + path(e)
                    + "' failed to satisfy constraint: " + constraint(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new ServiceException(errorCode, "Value at '" + path(e) + "' failed to satisfy constraint: "
                    + (e.getTargetType() == null ? "Member has the wrong shape" : constraint(e.getTargetType())));
        } catch (JsonProcessingException e) {
            throw new ServiceException(errorCode, "The request could not be read: " + e.getOriginalMessage());
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "member." + (r.getIndex() + 1))
                .collect(Collectors.joining("."));
    }

    private static String constraint(Class<?> type) {
        if (type.isEnum()) {
            return "Member must satisfy enum value set: [" + Arrays.stream(type.getEnumConstants())
                    .map(c -> wireName((Enum<?>) c)).collect(Collectors.joining(", ")) + "]";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "Member must be an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "Member must be true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "Member must be a list";
        }
        return "Member must be a " + type.getSimpleName();
    }

    private static String wireName(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null ? p.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }
}
