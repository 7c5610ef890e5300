package dev.mooring.elb.shape;


/** A listener certificate (HTTPS listeners, which Mooring does not serve). */
public record Certificate(String certificateArn, Boolean isDefault) {}
