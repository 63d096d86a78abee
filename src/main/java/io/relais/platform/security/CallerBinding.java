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
        String username = message.getHeader(CallerHeaders.USERNAME, String.class);
        if (username == null || username.isBlank()) return null;
        String id = message.getHeader(CallerHeaders.USER_ID, String.class);
        String roles = message.getHeader(CallerHeaders.ROLES, String.class);
        return new Caller(id == null ? null : UUID.fromString(id), username,
                roles == null || roles.isBlank() ? Set.of() : Set.of(roles.split(",")), null, null);
    }
}
