/**
 * The cross-cutting concerns of the API, each a {@link dev.mooring.api.Decorator} with one job: a request id on every
 * answer, the region from the SigV4 credential scope, an access log line, the body limit, and the mapping of
 * {@link dev.mooring.core.operation.ServiceException} (and bugs) to the protocol's error shape.
 */
package dev.mooring.api.decorator;
