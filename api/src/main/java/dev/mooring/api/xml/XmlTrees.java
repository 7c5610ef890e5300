package dev.mooring.api.xml;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.mooring.core.operation.ServiceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Jackson trees to and from XML. Objects are elements with one child per member, lists are elements whose children
 * are the items (named as the protocol says: awsQuery's {@code member}, Route 53's singular names), values are text.
 */
public final class XmlTrees {
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();
    private static final XMLInputFactory IN = XMLInputFactory.newFactory();

    static {
        // request bodies come from anyone: no DTDs, no external entities
        IN.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        IN.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        IN.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private XmlTrees() {}

    /** How a list's items are named, given the list element's own name. */
    @FunctionalInterface
    public interface ItemNames extends UnaryOperator<String> {}

    /** Writes XML into a byte array. */
    @FunctionalInterface
    public interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    /** A UTF-8 document with the XML declaration, as AWS sends. */
    public static byte[] document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = OUT.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toByteArray();
    }

    /** {@code <name>text</name>}. */
    public static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    /** The members of {@code object} as child elements of the element being written; null members are left out. */
    public static void members(XMLStreamWriter w, JsonNode object, ItemNames items) throws XMLStreamException {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            value(w, e.getKey(), e.getValue(), items);
        }
    }

    private static void value(XMLStreamWriter w, String name, JsonNode node, ItemNames items)
            throws XMLStreamException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        w.writeStartElement(name);
        if (node.isObject()) {
            members(w, node, items);
        } else if (node.isArray()) {
            String item = items.apply(name);
            for (JsonNode each : node) {
                value(w, item, each, items);
            }
        } else {
            w.writeCharacters(node.asText());
        }
        w.writeEndElement();
    }

    /**
     * Reads a document whose root holds the members of {@code type} (a record), guided by the record's component types
     * so that lists come back as arrays whatever their items are called. The root's name is not checked: Route 53
     * names it after the operation, and clients agree on that. Malformed XML is {@code errorCode}.
     */
    public static ObjectNode read(byte[] xml, Class<?> type, ObjectMapper mapper, String errorCode) {
        try {
            XMLStreamReader r = IN.createXMLStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8.name());
            try {
                while (r.next() != XMLStreamConstants.START_ELEMENT) {
                    // skip the prolog
                }
                JavaType root = TypeFactory.defaultInstance().constructType(type);
                JsonNode tree = readValue(r, root, mapper);
                return tree.isObject() ? (ObjectNode) tree : JsonNodeFactory.instance.objectNode();
            } finally {
                r.close();
            }
        } catch (XMLStreamException | java.util.NoSuchElementException e) {
            throw new ServiceException(errorCode, "The request body is not well-formed XML: "
                    + Optional.ofNullable(e.getMessage()).map(m -> m.replaceAll("\\s+", " ")).orElse("empty body"));
        }
    }

    /** Reads the element the reader is at (a START_ELEMENT) and leaves it after its END_ELEMENT. */
    private static JsonNode readValue(XMLStreamReader r, JavaType type, ObjectMapper mapper)
            throws XMLStreamException {
        if (type.isCollectionLikeType()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                array.add(readValue(r, type.getContentType(), mapper));
            }
            return array;
        }
        if (type.isRecordType()) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            Map<String, JavaType> members = members(type, mapper);
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                JavaType member = members.get(name);
                if (member == null) {
                    skip(r); // a member this model does not know: ignored, as the JSON protocols ignore them
                } else {
                    object.set(name, readValue(r, member, mapper));
                }
            }
            return object;
        }
        return JsonNodeFactory.instance.textNode(r.getElementText().strip());
    }

    /** A record's members by their wire names (the mapper's naming strategy and any explicit names applied). */
    private static Map<String, JavaType> members(JavaType type, ObjectMapper mapper) {
        var description = mapper.getSerializationConfig().introspect(type);
        Map<String, JavaType> out = new java.util.HashMap<>();
        for (var property : description.findProperties()) {
            out.put(property.getName(), property.getPrimaryType());
        }
        if (out.isEmpty()) {
            for (RecordComponent c : type.getRawClass().getRecordComponents()) {
                out.put(c.getName(), TypeFactory.defaultInstance().constructType(c.getGenericType()));
            }
        }
        return out;
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
