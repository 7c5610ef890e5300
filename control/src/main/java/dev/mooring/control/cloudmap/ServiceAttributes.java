package dev.mooring.control.cloudmap;

import java.util.Map;

/** A Cloud Map service's own attributes (Get/Update/DeleteServiceAttributes), stored under the service ARN. */
public record ServiceAttributes(String serviceArn, Map<String, String> attributes) {}
