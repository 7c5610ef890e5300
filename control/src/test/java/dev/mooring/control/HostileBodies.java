package dev.mooring.control;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives hostile bodies for one operation from its request record (through the operation's own mapper, so member
 * names are the wire names) and a valid body: every member, top-level and nested, is spoiled in turn. Strict cases
 * can never be valid and must be refused; lenient ones may be valid or not but must never hurt the server. All
 * choices come from a seeded {@link Random}, so a run is repeatable.
 */
final class HostileBodies {
    /** One request to send; {@code strict} means it must be answered with a 4xx. */
    record Case(String target, String label, byte[] body, boolean strict) {}

    /** A member's JSON kind, as far as its Java type tells. */
    enum Kind { STRING, INTEGER, LONG, DOUBLE, BOOLEAN, TIMESTAMP, LIST, MAP, RECORD, OBJECT_NODE, ARRAY_NODE, ANY_NODE }

    private record Member(List<Object> path, JavaType type, Kind kind) {
        String name() {
            StringBuilder sb = new StringBuilder();
            for (Object step : path) {
                sb.append(step instanceof Integer i ? "[" + i + "]" : (sb.isEmpty() ? "" : ".") + step);
            }
            return sb.toString();
        }
    }

    private static final String SLOT = "@@HOSTILE@@";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final int MAX_DEPTH = 4;
    private static final int MANY = 10_000;
    private static final int HUGE = 200_000;
    /** Bodies above this would be refused for their size before any member is looked at. */
    private static final int BODY_BUDGET = 900_000;

    private final Random random;

    HostileBodies(long seed) {
        this.random = new Random(seed);
    }

    /** Bodies that are wrong whatever the server's state: malformed JSON, wrong types, missing members. */
    List<Case> strict(String target, Class<?> input, ObjectMapper mapper, Map<String, Object> valid,
                      List<String> required) {
        ObjectNode template = PLAIN.valueToTree(valid);
        List<Case> cases = new ArrayList<>();
        malformed(target, template).forEach(m -> cases.add(new Case(target, m.label(), m.body(), true)));
        for (Member m : members(mapper, mapper.constructType(input), List.of(), 0)) {
            List<JsonNode> wrongs = wrongTypes(m);
            for (JsonNode wrong : wrongs) {
                cases.add(with(target, template, m, "wrong type " + describe(wrong), wrong, true));
            }
            if (!wrongs.isEmpty()) {
                cases.addAll(duplicates(target, template, m, write(wrongs.getFirst())));
            }
            for (String raw : overflows(m.kind())) {
                cases.add(withRaw(target, template, m, "overflow " + raw, raw, true));
            }
            cases.add(withRaw(target, template, m, "nesting 3000 deep", nested("[", "]", 3000), true));
            if (m.kind() != Kind.ANY_NODE && m.kind() != Kind.ARRAY_NODE) {
                cases.add(withRaw(target, template, m, "arrays 200 deep", nested("[", "]", 200), true));
            }
        }
        for (String path : required) {
            ObjectNode body = template.deepCopy();
            remove(body, parse(path));
            cases.add(new Case(target, "missing required " + path, bytes(body), true));
        }
        return cases;
    }

    /** Bodies that may or may not be valid (nulls, extremes, odd text, huge lists): never a 5xx, never a hang. */
    List<Case> lenient(String target, Class<?> input, ObjectMapper mapper, Map<String, Object> valid) {
        ObjectNode template = PLAIN.valueToTree(valid);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(target, "empty body", new byte[0], false));
        cases.add(new Case(target, "blank body", " \n\t ".getBytes(StandardCharsets.UTF_8), false));
        cases.add(new Case(target, "UTF-8 byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
                (byte) 0xBF}, bytes(template)), false));
        cases.add(new Case(target, "unknown members", bytes(template.deepCopy().put("notAMember", 1)
                .put("NotAMember", "x")), false));
        for (Member m : members(mapper, mapper.constructType(input), List.of(), 0)) {
            JsonNode current = get(template, m.path());
            for (JsonNode odd : oddValues(m, current)) {
                cases.add(with(target, template, m, "odd value " + describe(odd), odd, false));
            }
            cases.add(withRaw(target, template, m, "objects 200 deep", "{\"a\":".repeat(200) + "1"
                    + "}".repeat(200), false));
            if (m.kind() == Kind.STRING) {
                cases.add(withRaw(target, template, m, "lone surrogates", "\"\\ud800x\\udfff\"", false));
            }
        }
        return cases;
    }

    private List<Member> members(ObjectMapper mapper, JavaType type, List<Object> at, int depth) {
        List<Member> out = new ArrayList<>();
        for (BeanPropertyDefinition p : mapper.getDeserializationConfig().introspect(type).findProperties()) {
            List<Object> path = append(at, p.getName());
            JavaType t = p.getPrimaryType();
            Member m = new Member(path, t, kind(t));
            out.add(m);
            if (depth + 1 >= MAX_DEPTH) {
                continue;
            }
            if (m.kind() == Kind.RECORD) {
                out.addAll(members(mapper, t, path, depth + 1));
            } else if (m.kind() == Kind.LIST && kind(t.getContentType()) == Kind.RECORD) {
                out.addAll(members(mapper, t.getContentType(), append(path, 0), depth + 1));
            }
        }
        return out;
    }

    static Kind kind(JavaType t) {
        Class<?> c = t.getRawClass();
        if (c == ObjectNode.class) {
            return Kind.OBJECT_NODE;
        }
        if (c == ArrayNode.class) {
            return Kind.ARRAY_NODE;
        }
        if (JsonNode.class.isAssignableFrom(c)) {
            return Kind.ANY_NODE;
        }
        if (c == String.class || c.isEnum()) {
            return Kind.STRING;
        }
        if (c == Integer.class || c == int.class) {
            return Kind.INTEGER;
        }
        if (c == Long.class || c == long.class) {
            return Kind.LONG;
        }
        if (c == Double.class || c == double.class) {
            return Kind.DOUBLE;
        }
        if (c == Boolean.class || c == boolean.class) {
            return Kind.BOOLEAN;
        }
        if (c == java.time.Instant.class) {
            return Kind.TIMESTAMP;
        }
        if (t.isCollectionLikeType()) {
            return Kind.LIST;
        }
        if (t.isMapLikeType()) {
            return Kind.MAP;
        }
        if (c.isRecord()) {
            return Kind.RECORD;
        }
        throw new IllegalArgumentException("no hostile values for members of type " + t);
    }

    private static List<JsonNode> wrongTypes(Member m) {
        List<JsonNode> out = new ArrayList<>(switch (m.kind()) {
            case STRING -> List.of(NODES.numberNode(123), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add("x"));
            case INTEGER, LONG -> List.of(NODES.textNode("1"), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add(1), NODES.numberNode(1.5));
            case DOUBLE -> List.of(NODES.textNode("1"), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add(1.5));
            case BOOLEAN -> List.of(NODES.textNode("true"), NODES.numberNode(1), NODES.objectNode(),
                    NODES.arrayNode().add(true));
            case LIST, ARRAY_NODE -> List.of(NODES.textNode("x"), NODES.objectNode(), NODES.numberNode(1),
                    NODES.booleanNode(true));
            case MAP, RECORD, OBJECT_NODE -> List.of(NODES.textNode("x"), NODES.arrayNode().add("x"),
                    NODES.numberNode(1), NODES.booleanNode(false));
            case TIMESTAMP -> List.of(NODES.textNode("not a time"), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add(1));
            case ANY_NODE -> List.<JsonNode>of();
        });
        if (m.kind() == Kind.LIST) {
            Kind content = kind(m.type().getContentType());
            out.add(NODES.arrayNode().add(content == Kind.STRING ? NODES.numberNode(7) : NODES.textNode("x")));
        }
        if (m.kind() == Kind.MAP) {
            out.add(NODES.objectNode().put("k", 1));
            out.add(NODES.objectNode().set("k", NODES.objectNode()));
        }
        return out;
    }

    private static List<String> overflows(Kind kind) {
        return switch (kind) {
            case INTEGER -> List.of("2147483648", "-2147483649", "99999999999999999999999", "1e400");
            case LONG -> List.of("9223372036854775808", "99999999999999999999999", "1e400");
            case DOUBLE -> List.of("1e400", "-1e400");
            default -> List.of();
        };
    }

    private List<JsonNode> oddValues(Member m, JsonNode current) {
        List<JsonNode> out = new ArrayList<>();
        out.add(NODES.nullNode());
        switch (m.kind()) {
            case STRING -> {
                out.add(NODES.textNode(""));
                out.add(NODES.textNode("x".repeat(HUGE)));
                out.add(NODES.textNode(unicode()));
                out.add(NODES.textNode("NOT_A_VALUE"));
                out.add(NODES.textNode("99999999999"));
                out.add(NODES.textNode("arn:aws:ecs:us-east-1:000000000000:cluster/elsewhere"));
                out.add(NODES.textNode("arn:"));
                out.add(NODES.textNode("../../etc/passwd %s %n ' OR 1=1 --"));
            }
            case INTEGER -> List.of(-1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE)
                    .forEach(i -> out.add(NODES.numberNode(i)));
            case LONG -> List.of(-1L, 0L, Long.MIN_VALUE, Long.MAX_VALUE).forEach(i -> out.add(NODES.numberNode(i)));
            case DOUBLE -> List.of(-1.0, 0.0, 100.000001, Double.MAX_VALUE, Double.MIN_VALUE)
                    .forEach(d -> out.add(NODES.numberNode(d)));
            case BOOLEAN -> out.add(NODES.booleanNode(false));
            case TIMESTAMP -> List.of(-1L, 0L, 253402300800L).forEach(i -> out.add(NODES.numberNode(i)));
            case LIST -> {
                out.add(NODES.arrayNode());
                out.add(NODES.arrayNode().addNull());
                out.add(many(current != null && current.isArray() && !current.isEmpty() ? current.get(0)
                        : kind(m.type().getContentType()) == Kind.STRING ? NODES.textNode("x") : NODES.objectNode()));
            }
            case MAP -> {
                out.add(NODES.objectNode());
                out.add(NODES.objectNode().put("", ""));
                out.add(NODES.objectNode().putNull("k"));
                ObjectNode big = NODES.objectNode();
                for (int i = 0; i < MANY; i++) {
                    big.put("k" + i, "v");
                }
                out.add(big);
            }
            case RECORD, OBJECT_NODE -> out.add(NODES.objectNode());
            case ARRAY_NODE -> {
                out.add(NODES.arrayNode());
                out.add(many(NODES.objectNode()));
            }
            case ANY_NODE -> {
                out.add(NODES.textNode("x"));
                out.add(NODES.numberNode(-1));
                out.add(NODES.arrayNode());
                out.add(NODES.objectNode());
            }
        }
        return out;
    }

    /** {@value #MANY} copies of {@code item}, or of an empty one when copies would not fit in a body. */
    private static ArrayNode many(JsonNode item) {
        JsonNode element = write(item).length() * (long) MANY > BODY_BUDGET
                ? (item.isTextual() ? NODES.textNode("x") : NODES.objectNode()) : item;
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i < MANY; i++) {
            list.add(element.deepCopy());
        }
        return list;
    }

    /** Text from many scripts and planes, with controls, a BOM and direction overrides. */
    private String unicode() {
        StringBuilder sb = new StringBuilder("\u0000\uFEFF\u202E\u200B");
        int[][] ranges = {{0x20, 0x7E}, {0xA0, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x590, 0x6FF},
                {0x4E00, 0x9FFF}, {0x1F300, 0x1F64F}, {0x0300, 0x036F}, {0x1, 0x1F}};
        for (int i = 0; i < 40; i++) {
            int[] r = ranges[random.nextInt(ranges.length)];
            sb.appendCodePoint(r[0] + random.nextInt(r[1] - r[0] + 1));
        }
        return sb.toString();
    }

    private record Malformed(String label, byte[] body) {}

    private List<Malformed> malformed(String target, ObjectNode template) {
        String valid = new String(bytes(template), StandardCharsets.UTF_8);
        List<Malformed> out = new ArrayList<>();
        for (String text : List.of("{", "}", "[]", "[{}]", "null", "\"x\"", "42", "true", "{\"a\":}", "{\"a\" 1}",
                "{'a':1}", "{a:1}", "{\"a\":1,}", "{\"a\":NaN}", "{/* comment */}", "{\"a\":\"\\x\"}",
                "{\"a\":\"\u0001\"}", "\u0000", valid + " trailing", valid + "}", valid + valid,
                valid.substring(0, valid.length() / 2))) {
            out.add(new Malformed("malformed " + abbreviate(text), text.getBytes(StandardCharsets.UTF_8)));
        }
        out.add(new Malformed("invalid UTF-8", concat("{\"a\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, "\"}".getBytes(StandardCharsets.UTF_8))));
        for (int i = 0; i < 3; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            garbage[0] = '{';
            out.add(new Malformed("random bytes #" + i, garbage));
        }
        return out;
    }

    /** The member twice in its object, once valid and once wrong, in both orders: the last must not win quietly. */
    private List<Case> duplicates(String target, ObjectNode template, Member m, String wrong) {
        if (!(m.path().getLast() instanceof String key)) {
            return List.of();
        }
        JsonNode current = get(template, m.path());
        if (current == null) {
            return List.of();
        }
        String valid = write(current);
        String quoted = write(NODES.textNode(key));
        return List.of(
                withRaw(target, template, m, "duplicate member, wrong last", valid + "," + quoted + ":" + wrong, true),
                withRaw(target, template, m, "duplicate member, wrong first", wrong + "," + quoted + ":" + valid,
                        true));
    }

    private static Case with(String target, ObjectNode template, Member m, String label, JsonNode value,
                             boolean strict) {
        ObjectNode body = template.deepCopy();
        set(body, m.path(), value);
        return new Case(target, m.name() + ": " + label, bytes(body), strict);
    }

    private static Case withRaw(String target, ObjectNode template, Member m, String label, String raw,
                                boolean strict) {
        ObjectNode body = template.deepCopy();
        set(body, m.path(), NODES.textNode(SLOT));
        String text = new String(bytes(body), StandardCharsets.UTF_8)
                .replace(write(NODES.textNode(SLOT)), raw);
        return new Case(target, m.name() + ": " + label, text.getBytes(StandardCharsets.UTF_8), strict);
    }

    private static void set(ObjectNode root, List<Object> path, JsonNode value) {
        JsonNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            boolean nextIsIndex = path.get(i + 1) instanceof Integer;
            JsonNode child = child(node, step);
            if (child == null || (nextIsIndex ? !child.isArray() : !child.isObject())) {
                child = nextIsIndex ? NODES.arrayNode() : NODES.objectNode();
                put(node, step, child);
            }
            node = child;
        }
        put(node, path.getLast(), value);
    }

    private static JsonNode child(JsonNode node, Object step) {
        return step instanceof Integer i ? (node.size() > i ? node.get(i) : null) : node.get((String) step);
    }

    private static void put(JsonNode node, Object step, JsonNode value) {
        if (step instanceof Integer i) {
            ArrayNode a = (ArrayNode) node;
            while (a.size() <= i) {
                a.add(NODES.objectNode());
            }
            a.set(i, value);
        } else {
            ((ObjectNode) node).set((String) step, value);
        }
    }

    private static JsonNode get(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = node == null ? null : child(node, step);
        }
        return node;
    }

    private static void remove(ObjectNode root, List<Object> path) {
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        if (!(parent instanceof ObjectNode o)) {
            throw new IllegalArgumentException("the valid body has no member " + path);
        }
        if (o.remove((String) path.getLast()) == null) {
            throw new IllegalArgumentException("the valid body has no member " + path);
        }
    }

    private static final Pattern STEP = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

    /** "a.b[0].c" as steps. */
    static List<Object> parse(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher matcher = STEP.matcher(path);
        while (matcher.find()) {
            steps.add(matcher.group(1) != null ? matcher.group(1) : Integer.parseInt(matcher.group(2)));
        }
        return steps;
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return List.copyOf(out);
    }

    private static String nested(String open, String close, int depth) {
        return open.repeat(depth) + close.repeat(depth);
    }

    private static String describe(JsonNode value) {
        return abbreviate(write(value));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…(" + text.length() + " chars)";
    }

    private static String write(JsonNode value) {
        try {
            return PLAIN.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return PLAIN.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
