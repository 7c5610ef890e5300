package dev.mooring.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers one question from one snapshot; pure, so the server can call it on the event loop. */
final class Authority {
    /** Alias chains longer than this are treated as loops and resolve to nothing. */
    private static final int MAX_ALIAS_DEPTH = 8;

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
        } else if (type.equals(DnsRecordType.A)) {
            addresses(snapshot, records, 0).forEach(r -> answers.add(new Lookup.Owned(queriedName, r)));
        } else if (type.equals(DnsRecordType.SRV)) {
            for (ResourceRecord r : records) {
                if (r.data() instanceof RecordData.Srv srv) {
                    answers.add(new Lookup.Owned(queriedName, r));
                    targetAddresses(snapshot, srv.target()).forEach(a -> additionals.add(new Lookup.Owned(srv.target(), a)));
                }
            }
        }
        return new Lookup.Found(zone, answers, additionals);
    }

    /** The A records at a name, with aliases followed through the snapshot (Route 53 alias semantics). */
    private static List<ResourceRecord> addresses(ZoneSnapshot snapshot, List<ResourceRecord> records, int depth) {
        List<ResourceRecord> out = new ArrayList<>();
        for (ResourceRecord r : records) {
            switch (r.data()) {
                case RecordData.A a -> out.add(r);
                case RecordData.Alias alias when depth < MAX_ALIAS_DEPTH -> out.addAll(aliasTarget(snapshot, alias, depth));
                default -> { }
            }
        }
        return out;
    }

    private static List<ResourceRecord> aliasTarget(ZoneSnapshot snapshot, RecordData.Alias alias, int depth) {
        String target = DnsNames.normalize(alias.target());
        return snapshot.zoneFor(target).map(z -> addresses(snapshot, z.records(target), depth + 1)).orElse(List.of());
    }

    private static List<ResourceRecord> targetAddresses(ZoneSnapshot snapshot, String target) {
        String name = DnsNames.normalize(target);
        return snapshot.zoneFor(name).map(z -> addresses(snapshot, z.records(name), 0)).orElse(List.of());
    }
}
