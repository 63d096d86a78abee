package io.relais.platform.security;

import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.support.language.AnnotationExpressionFactory;
import org.apache.camel.support.language.LanguageAnnotation;

/**
 * Camel's side of {@link VerifiedCaller}: the {@link Caller} from the identity the access gate put on the request
 * ({@link CallerHeaders}; a client cannot send those, the gate strips them).
 */
public final class CallerBinding implements AnnotationExpressionFactory {

    @Override
    public Expression createExpression(CamelContext context, Annotation annotation, LanguageAnnotation language, Class<?> type) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return of(exchange.getMessage());
            }
        };
    }

    /** Hands the caller on to an exchange a service starts itself (the chat's tool calls), as the access gate would. */
    public static void attach(Message message, Caller caller) {
        if (caller == null) return;
        if (caller.userId() != null) message.setHeader(CallerHeaders.USER_ID, caller.userId().toString());
        message.setHeader(CallerHeaders.USERNAME, caller.username());
        message.setHeader(CallerHeaders.ROLES, String.join(",", caller.roles()));
    }

    /** The verified caller of this message, or null when anonymous. */
    public static Caller of(Message message) {
        return of(name -> message.getHeader(name, String.class));
    }

    /** The verified caller from the gate's headers however they are read (a WebSocket handshake's), or null. */
    public static Caller of(java.util.function.Function<String, String> header) {
        String username = header.apply(CallerHeaders.USERNAME);
        if (username == null || username.isBlank()) return null;
        String id = header.apply(CallerHeaders.USER_ID);
        String roles = header.apply(CallerHeaders.ROLES);
        return new Caller(id == null ? null : UUID.fromString(id), username,
                roles == null || roles.isBlank() ? Set.of() : Set.of(roles.split(",")), null, null);
    }
}
