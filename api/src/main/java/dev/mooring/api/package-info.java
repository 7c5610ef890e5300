/**
 * The AWS wire protocol (awsJson1_1, service-connect-spec §1): one Netty HTTP server that takes {@code POST /},
 * routes by {@code X-Amz-Target} whatever the Host header says, binds the body to a request record, and answers
 * with the response record or an AWS error. Operations themselves live in the control module.
 */
package dev.mooring.api;
