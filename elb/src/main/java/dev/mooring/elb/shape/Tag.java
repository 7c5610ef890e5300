package dev.mooring.elb.shape;


/** A resource tag. */
public record Tag(String key, String value) {}
