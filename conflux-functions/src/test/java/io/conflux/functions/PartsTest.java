package io.conflux.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parts: function references, the Runtime API endpoint's HTTP, packages and their permissions. */
class PartsTest {

    @Test
    void a_function_is_named_by_name_arn_or_partial_arn_whatever_region_and_account() {
        assertThat(FunctionService.parseRef("f")).isEqualTo(new FunctionService.Ref("f", null));
        assertThat(FunctionService.parseRef("f:live")).isEqualTo(new FunctionService.Ref("f", "live"));
        assertThat(FunctionService.parseRef("arn:aws:lambda:eu-west-1:999999999999:function:f"))
                .isEqualTo(new FunctionService.Ref("f", null));
        assertThat(FunctionService.parseRef("arn:aws-cn:lambda:cn-north-1:999999999999:function:f:$LATEST"))
                .isEqualTo(new FunctionService.Ref("f", "$LATEST"));
        assertThat(FunctionService.parseRef("123456789012:function:f")).isEqualTo(new FunctionService.Ref("f", null));
        assertThat(FunctionService.parseRef("${function:f}")).isEqualTo(new FunctionService.Ref("f", null));
    }

    @Test
    void invalid_function_names_fail_with_lambdas_validation_message() {
        assertThatThrownBy(() -> FunctionService.checkName("bad name"))
                .isInstanceOf(LambdaException.class)
                .hasMessageStartingWith("1 validation error detected: Value 'bad name' at 'functionName' failed to "
                        + "satisfy constraint");
    }

    @Test
    void the_runtime_endpoint_reads_chunked_bodies_keeps_connections_alive_and_drops_oversized_bodies()
            throws Exception {
        AtomicReference<RuntimeEndpoint.Request> seen = new AtomicReference<>();
        try (RuntimeEndpoint e = new RuntimeEndpoint(r -> {
            seen.set(r);
            return RuntimeEndpoint.Response.json(202, "{\"status\":\"OK\"}");
        }, "test")) {
            String[] hostPort = e.address().split(":");
            try (Socket s = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(("POST /2018-06-01/runtime/invocation/abc/response HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(in)).startsWith("HTTP/1.1 202 Accepted").endsWith("{\"status\":\"OK\"}");
                assertThat(new String(seen.get().body(), StandardCharsets.UTF_8)).isEqualTo("hello world");
                assertThat(seen.get().path()).isEqualTo("/2018-06-01/runtime/invocation/abc/response");

                long big = RuntimeEndpoint.MAX_BODY + 1L;
                out.write(("POST /x HTTP/1.1\r\nContent-Length: " + big + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                for (long sent = 0; sent < big; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, big - sent));
                }
                out.flush();
                assertThat(readResponse(in)).startsWith("HTTP/1.1 202");
                assertThat(seen.get().tooLarge()).isTrue();
                assertThat(seen.get().body()).isEmpty();
            }
        }
    }

    private static String readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void a_folder_zips_the_same_every_time_and_unpacks_with_its_executables(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("bin"));
        Files.writeString(src.resolve("bootstrap"), "#!/bin/sh\n");
        Files.writeString(src.resolve("bin/tool"), "#!/bin/sh\n");
        Files.writeString(src.resolve("data.txt"), "x");
        Files.setPosixFilePermissions(src.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(src.resolve("bin/tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
        byte[] zip = CodeStore.zipFolder(src);
        assertThat(CodeStore.zipFolder(src)).isEqualTo(zip);
        CodeStore store = new CodeStore(dir.resolve("code"));
        CodeStore.Package p = store.store(zip);
        assertThat(Files.isExecutable(p.dir().resolve("bootstrap"))).isTrue();
        assertThat(Files.isExecutable(p.dir().resolve("bin/tool"))).isTrue();
        assertThat(Files.isExecutable(p.dir().resolve("data.txt"))).isFalse();
        assertThat(store.store(zip).sha256()).isEqualTo(p.sha256());
    }

    @Test
    void something_that_is_not_a_zip_is_refused_as_lambda_refuses_it(@TempDir Path dir) {
        CodeStore store = new CodeStore(dir);
        assertThatThrownBy(() -> store.store("not a zip".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LambdaException.class)
                .hasMessage("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
}
