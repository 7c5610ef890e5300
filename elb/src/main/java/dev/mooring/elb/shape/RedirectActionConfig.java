package dev.mooring.elb.shape;


/** Where a redirect action points; {@code #{host}} and the like keep the request's part. */
public record RedirectActionConfig(String protocol, String port, String host, String path, String query, RedirectStatusCode statusCode) {}
