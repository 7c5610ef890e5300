package dev.mooring.dns;

import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/** Fills a response from a lookup, within the transport's size limit. */
final class Responses {
    /** Header bytes (RFC 1035 §4.1.1). */
    private static final int HEADER_BYTES = 12;
    /** Type and class after the question name. */
    private static final int QUESTION_FIXED_BYTES = 4;

    private Responses() {}

    static void answer(DnsResponse response, DnsQuestion question, Lookup lookup, long serial, int maxBytes) {
        echoQuestion(response, question);
        switch (lookup) {
            case Lookup.Outside o -> response.setCode(DnsResponseCode.NXDOMAIN);
            case Lookup.NoSuchName n -> {
                response.setAuthoritativeAnswer(true).setCode(DnsResponseCode.NXDOMAIN);
                fit(response, question, List.of(), List.of(soa(n.zone(), serial)), List.of(), maxBytes);
            }
            case Lookup.Found f when f.answers().isEmpty() -> {
                response.setAuthoritativeAnswer(true).setCode(DnsResponseCode.NOERROR);
                fit(response, question, List.of(), List.of(soa(f.zone(), serial)), List.of(), maxBytes);
            }
            case Lookup.Found f -> {
                response.setAuthoritativeAnswer(true).setCode(DnsResponseCode.NOERROR);
                fit(response, question, wire(f.answers()), List.of(), wire(f.additionals()), maxBytes);
            }
        }
    }

    static void fail(DnsResponse response, DnsQuestion question, DnsResponseCode code) {
        if (question != null) {
            echoQuestion(response, question);
        }
        response.setCode(code);
    }

    private static void echoQuestion(DnsResponse response, DnsQuestion question) {
        // the name goes back exactly as asked: resolvers using 0x20 case randomisation compare it
        response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type(),
                question.dnsClass()));
    }

    private static DnsRecord soa(Zone zone, long serial) {
        return WireRecords.toWire(zone.apex().isEmpty() ? "." : zone.apex(), zone.soa(serial));
    }

    private static List<DnsRecord> wire(List<Lookup.Owned> owned) {
        List<DnsRecord> out = new ArrayList<>(owned.size());
        owned.forEach(o -> out.add(WireRecords.toWire(o.owner(), o.record())));
        return out;
    }

    /**
     * Adds sections while they fit. When the answers do not, the response is truncated (TC) with the answers that fit
     * and nothing else, and the client retries over TCP (RFC 2181 §9). Dropped additional data needs no TC.
     */
    private static void fit(DnsResponse response, DnsQuestion question, List<DnsRecord> answers,
                            List<DnsRecord> authorities, List<DnsRecord> additionals, int maxBytes) {
        Budget budget = new Budget(maxBytes, HEADER_BYTES + WireRecords.nameSize(question.name()) + QUESTION_FIXED_BYTES);
        boolean complete = budget.addAll(response, DnsSection.ANSWER, answers);
        response.setTruncated(!complete);
        if (complete) {
            budget.addAll(response, DnsSection.AUTHORITY, authorities);
            budget.addAll(response, DnsSection.ADDITIONAL, additionals);
        } else {
            authorities.forEach(ReferenceCountUtil::release);
            additionals.forEach(ReferenceCountUtil::release);
        }
    }

    /** Bytes left in one message. */
    private static final class Budget {
        private final int max;
        private int used;

        Budget(int max, int used) {
            this.max = max;
            this.used = used;
        }

        /** Adds records in order until one does not fit; releases the rest and says whether all went in. */
        boolean addAll(DnsResponse response, DnsSection section, List<DnsRecord> records) {
            boolean fits = true;
            for (DnsRecord r : records) {
                int next = used + WireRecords.wireSize(r);
                fits &= next <= max;
                if (fits) {
                    used = next;
                    response.addRecord(section, r);
                } else {
                    ReferenceCountUtil.release(r);
                }
            }
            return fits;
        }
    }
}
