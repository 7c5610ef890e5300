package dev.mooring.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers one question from one snapshot; pure, so the server can call it on the event loop. */
final class Authority {
    /** Alias and CNAME chains longer than this are treated as loops and resolve to nothing more. */
    private static final int MAX_CHAIN = 8;

    private Authority() {}

    static Lookup lookup(ZoneSnapshot snapshot, String queriedName, DnsRecordType type) {
        String name = DnsNames.normalize(queriedName);
        Optional<Zone> found = snapshot.zoneFor(name);
        if (found.isEmpty()) {
            return new Lookup.Outside();
        }
        Zone zone = found.get();
        List<ResourceRecord> records = zone.records(name);
        boolean apex = name.equals(zone.apex());
        if (records.isEmpty() && !apex) {
            return new Lookup.NoSuchName(zone);
        }
        List<Lookup.Owned> answers = new ArrayList<>();
        List<Lookup.Owned> additionals = new ArrayList<>();
        if (type.equals(DnsRecordType.SOA) && apex) {
            answers.add(new Lookup.Owned(queriedName, zone.soa(snapshot.serial())));
        } else if (type.equals(DnsRecordType.SRV)) {
            for (ResourceRecord r : records) {
                if (r.data() instanceof RecordData.Srv srv) {
                    answers.add(new Lookup.Owned(queriedName, r));
                    String target = DnsNames.normalize(srv.target());
                    snapshot.zoneFor(target).ifPresent(z -> owned(snapshot, srv.target(), z.records(target),
                            DnsRecordType.A, 0, additionals));
                }
            }
        } else {
            owned(snapshot, queriedName, records, type, 0, answers);
        }
        return new Lookup.Found(zone, answers, additionals);
    }

    /**
     * The records of {@code type} at {@code owner}: an alias is answered with its target's records under the alias's
     * own name (Route 53 alias semantics); a CNAME is answered as itself, followed by its target's records under the
     * target's name, when the snapshot holds the target (RFC 1034 §4.3.2).
     */
    private static void owned(ZoneSnapshot snapshot, String owner, List<ResourceRecord> records, DnsRecordType type,
                              int depth, List<Lookup.Owned> out) {
        for (ResourceRecord r : records) {
            if (matches(r.data(), type)) {
                out.add(new Lookup.Owned(owner, r));
            } else if (r.data() instanceof RecordData.Alias alias && depth < MAX_CHAIN
                    && (type.equals(DnsRecordType.A) || type.equals(DnsRecordType.AAAA))) {
                String target = DnsNames.normalize(alias.target());
                snapshot.zoneFor(target).ifPresent(z -> owned(snapshot, owner, z.records(target), type, depth + 1,
                        out));
            } else if (r.data() instanceof RecordData.Cname cname && !type.equals(DnsRecordType.CNAME)) {
                out.add(new Lookup.Owned(owner, r));
                String target = DnsNames.normalize(cname.target());
                if (depth < MAX_CHAIN) {
                    snapshot.zoneFor(target).ifPresent(z -> owned(snapshot, cname.target(), z.records(target), type,
                            depth + 1, out));
                }
            }
        }
    }

    private static boolean matches(RecordData data, DnsRecordType type) {
        return switch (data) {
            case RecordData.A a -> type.equals(DnsRecordType.A);
            case RecordData.Aaaa a -> type.equals(DnsRecordType.AAAA);
            case RecordData.Cname c -> type.equals(DnsRecordType.CNAME);
            case RecordData.Txt t -> type.equals(DnsRecordType.TXT);
            default -> false;
        };
    }
}
