package dev.mooring.api.admin;

import dev.mooring.api.ApiRequest;
import dev.mooring.api.ApiResponse;
import dev.mooring.api.HttpHandler;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plain HTTP handlers keyed by "METHOD /path"; each sees the whole request. */
public final class AdminEndpoints implements HttpHandler {
    public static final String PREFIX = "/_mooring/";

    private final Map<String, HttpHandler> endpoints = new LinkedHashMap<>();

    /** An endpoint under {@link #PREFIX}; the key is "METHOD /path". */
    public AdminEndpoints add(String methodAndPath, HttpHandler handler) {
        if (endpoints.putIfAbsent(methodAndPath, handler) != null) {
            throw new IllegalStateException("admin endpoint added twice: " + methodAndPath);
        }
        return this;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        HttpHandler handler = endpoints.get(request.method() + " " + request.path());
        if (handler == null) {
            throw new ServiceException("NotFound", ErrorKind.NOT_FOUND,
                    "No admin endpoint " + request.method() + " " + request.path() + ".");
        }
        return handler.handle(request);
    }
}
