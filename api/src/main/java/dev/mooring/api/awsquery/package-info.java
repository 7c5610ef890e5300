/**
 * The awsQuery protocol (ELBv2): a form-encoded {@code Action=…&Version=…} request whose parameters flatten the
 * request record ({@code Subnets.member.1}, {@code Tags.member.2.Key}), an XML answer
 * {@code <ActionResponse><ActionResult>…</ActionResult><ResponseMetadata><RequestId>} in the service's namespace,
 * and errors as {@code <ErrorResponse><Error><Type><Code><Message></Error><RequestId>}.
 */
package dev.mooring.api.awsquery;
