package dev.mooring.core.operation;

/** One operation: a request record in, a response record out (or {@code null} for an empty response). */
@FunctionalInterface
public interface Operation<I, O> {
    O handle(RequestContext context, I input);
}
