/**
 * The restXml protocol (Route 53): the operation is named by method and path ({@code POST
 * /2013-04-01/hostedzone/{Id}/rrset}), members come from path labels, query parameters and an XML body, and the
 * answer is an XML document in the service's namespace with the status the model gives (201 for a created zone).
 * Errors are {@code <ErrorResponse><Error><Type><Code><Message></Error><RequestId>}.
 */
package dev.mooring.api.restxml;
