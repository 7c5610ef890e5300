package dev.mooring.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsRecordEncoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;

/**
 * Turns snapshot records into Netty raw records. Netty's codec has no typed records beyond addresses, so RDATA is laid
 * out here (RFC 1035 §3.3, RFC 2782, RFC 3596) with Netty's own name encoder.
 */
final class WireRecords extends DefaultDnsRecordEncoder {
    private static final WireRecords INSTANCE = new WireRecords();
    /** Type, class, TTL and RDATA length after the owner name (RFC 1035 §4.1.3). */
    private static final int FIXED_RR_BYTES = 10;

    private WireRecords() {}

    static DnsRecord toWire(String owner, ResourceRecord record) {
        ByteBuf rdata = Unpooled.buffer();
        DnsRecordType type = switch (record.data()) {
            case RecordData.A a -> {
                rdata.writeBytes(a.address().getAddress());
                yield DnsRecordType.A;
            }
            case RecordData.Aaaa a -> {
                rdata.writeBytes(a.address().getAddress());
                yield DnsRecordType.AAAA;
            }
            case RecordData.Cname c -> {
                INSTANCE.name(c.target(), rdata);
                yield DnsRecordType.CNAME;
            }
            case RecordData.Txt t -> {
                for (String s : t.strings()) {
                    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    rdata.writeByte(bytes.length).writeBytes(bytes);
                }
                yield DnsRecordType.TXT;
            }
            case RecordData.Srv srv -> {
                rdata.writeShort(srv.priority()).writeShort(srv.weight()).writeShort(srv.port());
                INSTANCE.name(srv.target(), rdata);
                yield DnsRecordType.SRV;
            }
            case RecordData.Soa soa -> {
                INSTANCE.name(soa.primaryServer(), rdata);
                INSTANCE.name(soa.hostmaster(), rdata);
                rdata.writeInt((int) soa.serial()).writeInt((int) soa.refresh()).writeInt((int) soa.retry())
                        .writeInt((int) soa.expire()).writeInt((int) soa.minimum());
                yield DnsRecordType.SOA;
            }
            case RecordData.Alias alias -> {
                rdata.release();
                throw new IllegalArgumentException("alias " + owner + " -> " + alias.target()
                        + " must be resolved before it goes on the wire");
            }
        };
        return new DefaultDnsRawRecord(owner, type, record.ttl(), rdata);
    }

    /** Bytes a record takes in a message (Netty does not compress names, so this is exact). */
    static int wireSize(DnsRecord record) {
        int rdata = record instanceof DnsRawRecord raw ? raw.content().readableBytes() : 0;
        return nameSize(record.name()) + FIXED_RR_BYTES + rdata;
    }

    static int nameSize(String name) {
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return bare.isEmpty() ? 1 : bare.length() + 2;
    }

    private void name(String name, ByteBuf out) {
        try {
            encodeName(name, out);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot encode DNS name " + name + ": " + e.getMessage(), e);
        }
    }
}
