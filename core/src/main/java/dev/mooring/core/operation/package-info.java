/**
 * What an operation of an AWS-style service is to the domain, whatever wire protocol carries it: a request record in,
 * a response record out ({@link Operation}), the call's {@link RequestContext} (region, account, request id), and the
 * {@link ServiceException} an operation throws when the caller is at fault or it cannot answer. The domain
 * ({@code control}, {@code elb}) declares its {@link Operations} with these types only; the {@code api} module binds
 * them to a protocol (awsJson1_1, awsQuery or restXml) and renders errors in that protocol's shape at the edge.
 */
package dev.mooring.core.operation;
