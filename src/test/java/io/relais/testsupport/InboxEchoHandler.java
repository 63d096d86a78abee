package io.relais.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.relais.platform.files.ImportReport;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** The handler of the test inbox feed: counts lines, rejects empty ones, fails the whole file on "FAIL". */
@Component("inboxEcho")
public class InboxEchoHandler {

    public ImportReport importLines(@Body InputStream body, @Header("CamelFileName") String name) throws IOException {
        ImportReport report = new ImportReport(name);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.equals("FAIL")) throw new IllegalStateException("line " + n + " asks to fail");
                if (line.isBlank()) report.reject(n, "empty line", line);
                else report.count("accepted", 1);
            }
        }
        return report.completed();
    }
}
