package dev.mooring.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAsTest {
    @TempDir
    Path dir;

    @Test
    void resolvesEveryFormEcsAccepts() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n"
                + "postgres:x:104:110::/var/lib/postgresql:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n");
        Path group = Files.writeString(dir.resolve("group"), "root:x:0:\nssl-cert:x:109:postgres\n");
        assertThat(RunAs.resolve(null, passwd, group)).isEqualTo(RunAs.NOBODY);
        assertThat(RunAs.resolve("postgres", passwd, group)).isEqualTo(new RunAs(104, 110));
        assertThat(RunAs.resolve("104", passwd, group)).isEqualTo(new RunAs(104, 110));
        assertThat(RunAs.resolve("4242", passwd, group)).isEqualTo(new RunAs(4242, 4242));
        assertThat(RunAs.resolve("postgres:ssl-cert", passwd, group)).isEqualTo(new RunAs(104, 109));
        assertThat(RunAs.resolve("1000:2000", passwd, group)).isEqualTo(new RunAs(1000, 2000));
        assertThat(RunAs.resolve("root", passwd, group).isRoot()).isTrue();
        assertThatThrownBy(() -> RunAs.resolve("nosuch", passwd, group)).isInstanceOf(IOException.class)
                .hasMessageContaining("'nosuch' does not exist");
    }
}
