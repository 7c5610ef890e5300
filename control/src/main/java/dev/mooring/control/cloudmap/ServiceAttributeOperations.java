package dev.mooring.control.cloudmap;

import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.operation.ServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GetServiceAttributes, UpdateServiceAttributes, DeleteServiceAttributes: up to 30 key-value pairs on a service
 * (keys of 1 to 255 characters, values up to 1024), merged by Update and removed by key by Delete.
 */
final class ServiceAttributeOperations {
    private static final int MAX_ATTRIBUTES = 30;

    record GetServiceAttributesRequest(String serviceId) {}

    record UpdateServiceAttributesRequest(String serviceId, Map<String, String> attributes) {}

    record DeleteServiceAttributesRequest(String serviceId, List<String> attributes) {}

    record ServiceAttributesView(String serviceArn, String resourceOwner, Map<String, String> attributes) {}

    record GetServiceAttributesResponse(ServiceAttributesView serviceAttributes) {}

    record EmptyResponse() {}

    private final CloudMapState state;

    ServiceAttributeOperations(CloudMapState state) {
        this.state = state;
    }

    GetServiceAttributesResponse get(RequestContext ctx, GetServiceAttributesRequest in) {
        String id = Input.required(in.serviceId(), "ServiceId");
        CloudMapService service = state.read().service(ctx.region(), id)
                .orElseThrow(() -> ServiceOperations.notFound(id));
        Map<String, String> attributes = state.serviceAttributes().get(service.arn())
                .map(ServiceAttributes::attributes).orElse(Map.of());
        return new GetServiceAttributesResponse(new ServiceAttributesView(service.arn(), ctx.accountId(),
                new TreeMap<>(attributes)));
    }

    EmptyResponse update(RequestContext ctx, UpdateServiceAttributesRequest in) {
        String id = Input.required(in.serviceId(), "ServiceId");
        Map<String, String> given = Input.required(in.attributes(), "Attributes");
        if (given.isEmpty()) {
            throw new ServiceException("InvalidInput", "Attributes must hold at least one key-value pair.");
        }
        given.forEach((k, v) -> {
            Input.maxLength(k, 255, "Attributes key");
            if (k.isEmpty()) {
                throw new ServiceException("InvalidInput", "An attribute key must not be empty.");
            }
            Input.maxLength(v, 1024, "Attributes['" + k + "']");
        });
        return state.store().write(tx -> {
            CloudMapService service = state.in(tx).service(ctx.region(), id)
                    .orElseThrow(() -> ServiceOperations.notFound(id));
            Map<String, String> merged = new LinkedHashMap<>(tx.get(state.serviceAttributes(), service.arn())
                    .map(ServiceAttributes::attributes).orElse(Map.of()));
            merged.putAll(given);
            if (merged.size() > MAX_ATTRIBUTES) {
                throw new ServiceException("ServiceAttributesLimitExceededException", "A service holds at most "
                        + MAX_ATTRIBUTES + " attributes; this update would make " + merged.size() + ".");
            }
            tx.put(state.serviceAttributes(), new ServiceAttributes(service.arn(), Map.copyOf(merged)));
            return new EmptyResponse();
        });
    }

    EmptyResponse delete(RequestContext ctx, DeleteServiceAttributesRequest in) {
        String id = Input.required(in.serviceId(), "ServiceId");
        List<String> keys = Input.required(in.attributes(), "Attributes");
        if (keys.isEmpty() || keys.size() > MAX_ATTRIBUTES) {
            throw new ServiceException("InvalidInput", "Attributes lists 1 to " + MAX_ATTRIBUTES + " keys.");
        }
        return state.store().write(tx -> {
            CloudMapService service = state.in(tx).service(ctx.region(), id)
                    .orElseThrow(() -> ServiceOperations.notFound(id));
            Map<String, String> kept = new LinkedHashMap<>(tx.get(state.serviceAttributes(), service.arn())
                    .map(ServiceAttributes::attributes).orElse(Map.of()));
            keys.forEach(kept::remove);
            if (kept.isEmpty()) {
                tx.delete(state.serviceAttributes(), service.arn());
            } else {
                tx.put(state.serviceAttributes(), new ServiceAttributes(service.arn(), Map.copyOf(kept)));
            }
            return new EmptyResponse();
        });
    }
}
