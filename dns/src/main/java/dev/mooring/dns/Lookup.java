package dev.mooring.dns;

import java.util.List;

/** What a snapshot says about one question. */
sealed interface Lookup {

    /** No zone holds the name: forward it, or answer NXDOMAIN without authority. */
    record Outside() implements Lookup {}

    /** The zone holds no such name. */
    record NoSuchName(Zone zone) implements Lookup {}

    /** The name exists; {@code answers} empty means it has no records of the asked type (NODATA). */
    record Found(Zone zone, List<Owned> answers, List<Owned> additionals) implements Lookup {}

    /** A record as it goes on the wire, under its owner name. */
    record Owned(String owner, ResourceRecord record) {}
}
