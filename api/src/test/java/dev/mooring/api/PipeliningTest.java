package dev.mooring.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.api.awsjson.AwsJson;
import dev.mooring.api.awsjson.AwsJsonService;
import dev.mooring.core.operation.Operations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 pipelining: answers leave in request order however the requests finish (RFC 9112 §9.3.2). */
class PipeliningTest {
    record Named(String name) {}

    /** Counted down when the client has read any answer; the slow request holds until then, or two seconds. */
    private final CountDownLatch clientSawAnAnswer = new CountDownLatch(1);
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        AwsJson awsJson = new AwsJson("000000000000", Clock.systemUTC()).serve(new Operations("ecs")
                .register("Slow", Named.class, (ctx, in) -> {
                    try {
                        clientSawAnAnswer.await(2, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Named("slow");
                })
                .register("Fast", Named.class, (ctx, in) -> new Named("fast")));
        server = ApiServer.builder().port(0).handler(MooringApi.of(awsJson)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static FullHttpRequest call(String operation) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.HOST, "localhost")
                .set("X-Amz-Target", AwsJsonService.ECS.target(operation))
                .set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.1")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    @Test
    void pipelinedAnswersComeInRequestOrder() throws Exception {
        // Netty's client codec encodes the requests and decodes the answers; the socket is ours, so both requests
        // go out before either answer is read.
        EmbeddedChannel codec = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
        codec.writeOutbound(call("Slow"), call("Fast"));
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (ByteBuf chunk; (chunk = codec.readOutbound()) != null; chunk.release()) {
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.readBytes(bytes);
                out.write(bytes);
            }
            out.flush();

            List<String> answers = new ArrayList<>();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (answers.size() < 2) {
                int n = in.read(buffer);
                assertThat(n).as("connection still open").isPositive();
                codec.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
                for (FullHttpResponse r; (r = codec.readInbound()) != null; r.release()) {
                    answers.add(r.content().toString(StandardCharsets.UTF_8));
                    clientSawAnAnswer.countDown();
                }
            }
            assertThat(answers).containsExactly("{\"name\":\"slow\"}", "{\"name\":\"fast\"}");
        } finally {
            codec.finishAndReleaseAll();
        }
    }
}
