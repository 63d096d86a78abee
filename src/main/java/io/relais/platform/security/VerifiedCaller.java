package io.relais.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.support.language.LanguageAnnotation;

/**
 * Binds the caller the access gate verified to a bean method's {@link Caller} parameter, so a service reads who is
 * calling as one typed value, never as header strings: {@code public Resource get(@Header("id") String id,
 * @VerifiedCaller Caller caller)}. Null when the call is anonymous (a public path without a token) or does not come
 * over HTTP (a schedule, a BPMN task). A unit test calls the same method with a {@code Caller} of its own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@LanguageAnnotation(language = "caller", factory = CallerBinding.class)
public @interface VerifiedCaller {
}
