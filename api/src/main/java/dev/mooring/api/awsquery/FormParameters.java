package dev.mooring.api.awsquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mooring.core.operation.ServiceException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * awsQuery's flattened parameters as a tree: {@code Tags.member.2.Key=k} becomes {@code {"Tags":[…, {"Key":"k"}]}}.
 * List items are numbered from 1, as clients send them; a gap in the numbering is the client's mistake.
 */
final class FormParameters {
    /** Parameters that steer the protocol rather than name a member. */
    private static final Set<String> PROTOCOL = Set.of("Action", "Version");

    private FormParameters() {}

    static ObjectNode tree(Map<String, List<String>> params) {
        Map<String, Object> root = new TreeMap<>();
        params.forEach((key, values) -> {
            if (!PROTOCOL.contains(key) && !values.isEmpty()) {
                put(root, key, key.split("\\.", -1), 0, values.getFirst());
            }
        });
        return (ObjectNode) toNode(root, "");
    }

    /** A list being assembled: items by their 1-based number. */
    private static final class Items extends TreeMap<Integer, Object> {}

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> object, String key, String[] path, int at, String value) {
        String name = path[at];
        if (name.isEmpty()) {
            throw invalid(key, "has an empty part");
        }
        boolean last = at == path.length - 1;
        if (last) {
            if (object.putIfAbsent(name, value) != null && !(object.get(name) instanceof String)) {
                throw invalid(key, "gives a value to " + name + ", which other parameters say is a list or structure");
            }
            return;
        }
        if ("member".equals(path[at + 1])) {
            if (at + 2 >= path.length) {
                throw invalid(key, "names a list member without its number");
            }
            int index = index(key, path[at + 2]);
            Object existing = object.get(name);
            Items items = existing instanceof Items i ? i : new Items();
            if (existing != null && !(existing instanceof Items) && !"".equals(existing)) {
                throw invalid(key, "makes " + name + " a list, which other parameters say it is not");
            }
            object.put(name, items);
            if (at + 3 == path.length) {
                items.putIfAbsent(index, value);
            } else {
                Object item = items.computeIfAbsent(index, i -> new TreeMap<String, Object>());
                if (!(item instanceof Map)) {
                    throw invalid(key, "gives member " + index + " of " + name + " both a value and members");
                }
                put((Map<String, Object>) item, key, path, at + 3, value);
            }
            return;
        }
        Object child = object.computeIfAbsent(name, n -> new TreeMap<String, Object>());
        if (!(child instanceof Map) || child instanceof Items) {
            throw invalid(key, "gives " + name + " members, which other parameters say it cannot have");
        }
        put((Map<String, Object>) child, key, path, at + 1, value);
    }

    private static int index(String key, String text) {
        try {
            int i = Integer.parseInt(text);
            if (i >= 1) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(key, "numbers a list member '" + text + "'; members are numbered from 1");
    }

    @SuppressWarnings("unchecked")
    private static JsonNode toNode(Object value, String where) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof Items items) {
            ArrayNode array = f.arrayNode();
            int expected = 1;
            for (var e : items.entrySet()) {
                if (e.getKey() != expected++) {
                    throw new ServiceException("ValidationError", "List parameter " + where
                            + " skips member number " + (expected - 1) + ": number members 1, 2, 3, … without gaps.");
                }
                array.add(toNode(e.getValue(), where + ".member." + e.getKey()));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            ((Map<String, Object>) map).forEach((k, v) -> object.set(k, toNode(v, where.isEmpty() ? k : where + "." + k)));
            return object;
        }
        return f.textNode((String) value);
    }

    private static ServiceException invalid(String key, String why) {
        return new ServiceException("ValidationError", "Parameter '" + key + "' " + why + ".");
    }
}
