package dev.mooring.proxy.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The idle timeout on Netty's embedded channel, whose clock the test moves by hand. */
class IdleTimeoutHandlerTest {
    private final List<Object> events = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new IdleTimeoutHandler(TimeUnit.SECONDS.toNanos(10)),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    events.add(evt);
                }
            });

    private void advance(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aSilentConnectionIsIdleAfterTheTimeoutAndAgainAfterEachFurtherPeriod() {
        advance(9);
        assertThat(events).isEmpty();
        advance(1);
        assertThat(events).containsExactly(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        advance(10);
        assertThat(events).hasSize(2);
    }

    @Test
    void readsAndWritesEachPutTheTimeoutOff() {
        advance(6);
        channel.writeInbound("request");
        advance(6);
        assertThat(events).as("6 s after a read").isEmpty();
        channel.writeOutbound("response");
        advance(6);
        assertThat(events).as("6 s after a write").isEmpty();
        advance(4);
        assertThat(events).containsExactly(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    }

    @Test
    void aClosedConnectionFiresNothing() {
        channel.close();
        advance(30);
        assertThat(events).isEmpty();
    }
}
