/**
 * The awsJson1_1 protocol (service-connect-spec §1): {@code POST /}, the operation named by {@code X-Amz-Target}
 * whatever the Host header says, the body bound to the operation's request record, the response record written with
 * the service's member casing, and errors as {@code __type} plus the service's message member.
 */
package dev.mooring.api.awsjson;
