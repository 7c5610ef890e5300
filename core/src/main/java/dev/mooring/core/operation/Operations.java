package dev.mooring.core.operation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every operation one service offers, by name, as the domain declares them. {@code service} is the AWS signing name
 * ({@code ecs}, {@code servicediscovery}), which is how a protocol finds the wire conventions it serves them with.
 */
public final class Operations {
    /** One operation and the request record its input binds to. */
    public record Entry<I, O>(String name, Class<I> input, Operation<I, O> operation) {}

    private final String service;
    private final Map<String, Entry<?, ?>> entries = new LinkedHashMap<>();

    public Operations(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    public <I, O> Operations register(String name, Class<I> input, Operation<I, O> operation) {
        if (entries.putIfAbsent(name, new Entry<>(name, input, operation)) != null) {
            throw new IllegalStateException("operation registered twice: " + service + " " + name);
        }
        return this;
    }

    public Optional<Entry<?, ?>> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Collection<Entry<?, ?>> all() {
        return entries.values();
    }
}
