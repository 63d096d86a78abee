package io.relais.knowledge;

import io.relais.platform.security.Caller;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.platform.security.CallerHeaders;
import io.relais.platform.security.StreamEndpoint;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.EventStreamAlias;
import jakarta.annotation.PreDestroy;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /api/knowledge/ask} (and {@code /ask}) with {@code Accept: text/event-stream}: the same answer as
 * server-sent events: {@code sources} first (JSON), then the answer a sentence at a time ({@code delta}), then
 * {@code done} (relevance, time). A browser shows the sources and the first sentence without waiting for the rest.
 */
@RestController
public class AnswerStream {

    static final String PATH = "/api/knowledge/ask/stream";

    private final KnowledgeAnswers answers;
    private final ObjectMapper json;
    private final Validator validator;
    /** Bounded: beyond 16 answers streaming at once, a request is refused with 503 rather than piling up threads. */
    private final ExecutorService writers = new java.util.concurrent.ThreadPoolExecutor(0, 16, 60, java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "knowledge-answer-stream");
                t.setDaemon(true);
                return t;
            });

    AnswerStream(KnowledgeAnswers answers, ObjectMapper json, Validator validator) {
        this.answers = answers;
        this.json = json;
        this.validator = validator;
    }

    @Bean
    static StreamEndpoint knowledgeAnswerStreamEndpoint() {
        return new StreamEndpoint("POST", PATH, List.of());
    }

    @Bean
    static EventStreamAlias knowledgeAskStream() {
        return new EventStreamAlias("POST", "/api/knowledge/ask", PATH);
    }

    @Bean
    static EventStreamAlias seedAskStream() {
        return new EventStreamAlias("POST", "/ask", PATH);
    }

    @PostMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestBody KnowledgeAnswers.KnowledgeQuestion question,
                             @RequestHeader(name = CallerHeaders.USERNAME, required = false) String caller) {
        if (caller == null) throw ApiProblem.unauthorized("a bearer token is needed");
        Set<ConstraintViolation<KnowledgeAnswers.KnowledgeQuestion>> violations = validator.validate(question);
        if (!violations.isEmpty()) {
            ConstraintViolation<KnowledgeAnswers.KnowledgeQuestion> v = violations.iterator().next();
            throw ApiProblem.invalidField(v.getPropertyPath().toString(), v.getMessage());
        }
        SseEmitter emitter = new SseEmitter(60_000L);
        try {
            writers.submit(() -> {
                try {
                    Map<String, Object> answer = answers.ask(question, caller == null ? null : Caller.named(caller));
                    emitter.send(SseEmitter.event().name("sources").data(json.writeValueAsString(answer.get("sources")), MediaType.APPLICATION_JSON));
                    for (String sentence : String.valueOf(answer.get("answer")).split("(?<=[.!?\\]])\\s+")) {
                        emitter.send(SseEmitter.event().name("delta").data(sentence));
                    }
                    emitter.send(SseEmitter.event().name("done").data(json.writeValueAsString(Map.of("known", answer.get("known"),
                            "relevance", answer.get("relevance"), "servedBy", answer.get("servedBy"), "ms", answer.get("ms"))),
                            MediaType.APPLICATION_JSON));
                    emitter.complete();
                } catch (ApiProblem problem) {
                    sendError(emitter, problem.getMessage());
                } catch (IOException | RuntimeException e) {
                    sendError(emitter, e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            throw ApiProblem.unavailable("too many answers are streaming; try again in a moment");
        }
        return emitter;
    }

    private static void sendError(SseEmitter emitter, String message) {
        try {
            emitter.send(SseEmitter.event().name("error").data(message == null ? "error" : message));
            emitter.complete();
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }

    @PreDestroy
    void close() {
        writers.shutdownNow();
    }
}
