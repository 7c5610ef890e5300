package dev.mooring.control.cloudmap;

import dev.mooring.core.operation.ServiceException;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** GetOperation and ListOperations over the operations that namespace, service and instance changes record. */
final class OperationQueries {
    private static final Set<String> STATUSES = Set.of("SUBMITTED", "PENDING", "SUCCESS", "FAIL");
    private static final Set<String> TYPES = Set.of(CloudMapOperation.CREATE_NAMESPACE,
            CloudMapOperation.DELETE_NAMESPACE, CloudMapOperation.UPDATE_NAMESPACE, CloudMapOperation.UPDATE_SERVICE,
            CloudMapOperation.REGISTER_INSTANCE, CloudMapOperation.DEREGISTER_INSTANCE);

    record GetOperationRequest(String operationId) {}

    /** Cloud Map's Operation shape; ErrorCode and ErrorMessage never appear because no operation fails later. */
    record Operation(String id, String type, String status, Instant createDate, Instant updateDate,
                     Map<String, String> targets) {}

    record GetOperationResponse(Operation operation) {}

    record OperationFilter(String name, List<String> values, String condition) {}

    record ListOperationsRequest(String nextToken, Integer maxResults, List<OperationFilter> filters) {}

    record OperationSummary(String id, String status) {}

    record ListOperationsResponse(List<OperationSummary> operations, String nextToken) {}

    private final CloudMapState state;

    OperationQueries(CloudMapState state) {
        this.state = state;
    }

    GetOperationResponse get(RequestContext ctx, GetOperationRequest in) {
        String id = Input.required(in.operationId(), "OperationId");
        Input.maxLength(id, 255, "OperationId");
        CloudMapOperation op = state.read().operation(ctx.region(), id).orElseThrow(() ->
                new ServiceException("OperationNotFound", "No Cloud Map operation " + id + " in this region."));
        return new GetOperationResponse(new Operation(op.id(), op.type(), op.status(), op.createDate(),
                op.updateDate(), op.targets()));
    }

    ListOperationsResponse list(RequestContext ctx, ListOperationsRequest in) {
        Predicate<CloudMapOperation> filter = Filters.allOf(in.filters(), OperationQueries::predicate);
        Page<CloudMapOperation> page = Page.of(state.read().operations(ctx.region()).filter(filter),
                CloudMapOperation::key, in.nextToken(), in.maxResults(), 100, 100, Input.INVALID);
        return new ListOperationsResponse(page.items().stream().map(o -> new OperationSummary(o.id(), o.status()))
                .toList(), page.nextToken());
    }

    private static Predicate<CloudMapOperation> predicate(OperationFilter f) {
        String name = Input.oneOf(Input.required(f.name(), "Filters[].Name"),
                Set.of("NAMESPACE_ID", "SERVICE_ID", "STATUS", "TYPE", "UPDATE_DATE"), "Filters[].Name");
        return switch (name) {
            case "NAMESPACE_ID", "SERVICE_ID" -> {
                Filters.condition(name, f.condition(), f.values(), Set.of(Filters.EQ));
                String target = name.equals("NAMESPACE_ID") ? "NAMESPACE" : "SERVICE";
                String wanted = f.values().getFirst();
                yield o -> wanted.equals(o.targets().get(target));
            }
            case "STATUS", "TYPE" -> {
                var test = Filters.strings(Filters.condition(name, f.condition(), f.values(),
                        Set.of(Filters.EQ, Filters.IN)), f.values());
                f.values().forEach(v -> Input.oneOf(v, name.equals("STATUS") ? STATUSES : TYPES,
                        "Filters[" + name + "].Values"));
                yield name.equals("STATUS") ? o -> test.test(o.status()) : o -> test.test(o.type());
            }
            default -> {
                Filters.condition(name, f.condition(), f.values(), Set.of(Filters.BETWEEN));
                Instant from = epoch(f.values().get(0));
                Instant to = epoch(f.values().get(1));
                yield o -> !o.updateDate().isBefore(from) && !o.updateDate().isAfter(to);
            }
        };
    }

    /** UPDATE_DATE values are Unix times in seconds, fractions allowed. */
    private static Instant epoch(String value) {
        try {
            BigDecimal seconds = new BigDecimal(value);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw Input.invalid("UPDATE_DATE values must be Unix times in seconds, not '" + value + "'.");
        }
    }
}
