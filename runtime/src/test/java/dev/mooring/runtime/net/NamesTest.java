package dev.mooring.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void namesAreRecognisablyMooringsAndFitInterfaceLimits() {
        String id = "0123456789abcdef0123456789abcdef";
        assertThat(Names.netns(id)).isEqualTo("mooring-0123456789ab");
        assertThat(Names.veth(id)).isEqualTo("mv0123456789").hasSizeLessThanOrEqualTo(15);
        assertThat(Names.isNetns(Names.netns("not-hex-id"))).isTrue();
        assertThat(Names.isVeth(Names.veth("not-hex-id"))).isTrue();
        assertThat(Names.isNetns("mooring-other")).isFalse();
        assertThat(Names.isVeth("mvabc")).isFalse();
    }
}
