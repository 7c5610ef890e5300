/**
 * The HTTP edge of Mooring: one Netty server ({@link dev.mooring.api.ApiServer}) that frames HTTP/1.1, keeps
 * pipelined answers in order and hands each whole request to an {@link dev.mooring.api.HttpHandler}. Protocols are
 * handlers (awsJson1_1 in {@code awsjson}, awsQuery in {@code awsquery}, restXml in {@code restxml} with the XML they
 * share in {@code xml}, the plain-HTTP admin endpoints in {@code admin}), picked by the request's shape
 * ({@link dev.mooring.api.RequestShape}) in an {@link dev.mooring.api.HttpRouter}; cross-cutting concerns are
 * {@link dev.mooring.api.Decorator}s ({@code decorator}). Operations themselves live in the domain and know nothing
 * of any protocol.
 */
package dev.mooring.api;
