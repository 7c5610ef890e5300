package dev.mooring.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamsTest {
    @TempDir
    Path state;

    @Test
    void streamsAreNamedAsAwslogsNamesThem() throws Exception {
        LogStreams logs = new LogStreams(state);
        LogStream web = logs.create("0123abcd", "web", "ecs/serviceconnectdemo", "yelb");
        LogStream side = logs.create("0123abcd", "side", null, null);
        assertThat(web.stream()).isEqualTo("yelb/web/0123abcd");
        assertThat(web.file()).isEqualTo(state.resolve("logs/ecs/serviceconnectdemo/yelb/web/0123abcd"));
        assertThat(side.group()).isEqualTo("mooring");
        assertThat(side.stream()).isEqualTo("side/0123abcd");
        assertThat(new LogStreams(state).find("0123abcd")).containsExactly(web, side);
        assertThat(logs.find("0123abcd", "side")).contains(side);
        assertThat(logs.find("ffff")).isEmpty();
    }

    @Test
    void namesCannotLeaveTheLogsDirectory() {
        LogStreams logs = new LogStreams(state);
        assertThatThrownBy(() -> logs.create("t1", "c", "../etc", null)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> logs.create("t1", "c", "g", "../..")).isInstanceOf(IOException.class);
    }

    @Test
    void readsAndFollowsLines() throws Exception {
        LogStreams logs = new LogStreams(state);
        LogStream s = logs.create("t1", "c", "g", "p");
        Files.writeString(s.file(), "one\ntwo\n");
        List<String> read = new CopyOnWriteArrayList<>();
        logs.read(s, read::add);
        assertThat(read).containsExactly("one", "two");

        List<String> followed = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> follower = CompletableFuture.runAsync(() -> {
            try {
                logs.follow(s, followed::add, writing::get);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> followed.size() == 2);
        Files.writeString(s.file(), "thr", StandardOpenOption.APPEND);
        Files.writeString(s.file(), "ee\nlast", StandardOpenOption.APPEND);
        await().until(() -> followed.size() == 3);
        writing.set(false);
        follower.get();
        assertThat(followed).containsExactly("one", "two", "three", "last");
    }
}
