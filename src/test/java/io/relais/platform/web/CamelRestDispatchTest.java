package io.relais.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.relais.testsupport.AppTest;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerAdapter;

/**
 * A Camel REST verb is answered by its consumer on the request thread in one pass: the handler Spring MVC maps for it
 * is a {@link CamelRestConsumer}, and the first adapter the running DispatcherServlet asks is
 * {@link CamelRestHandlerAdapter}, not Spring MVC's, which would start async processing and dispatch the request again.
 */
class CamelRestDispatchTest extends AppTest {

    @Autowired
    ApplicationContext context;

    @Test
    void a_camel_rest_verb_goes_straight_to_its_consumer() throws Exception {
        var session = api.get("/api/auth/session", api.signin("admin", ADMIN_PASSWORD));
        assertThat(session.status()).isEqualTo(200); // the servlet has served a REST call: its adapters are the live ones

        Object handler = context.getBean(CamelRequestHandlerMapping.class)
                .getHandler(new MockHttpServletRequest("GET", "/api/auth/session")).getHandler();
        assertThat(((HandlerMethod) handler).getBean()).isInstanceOf(CamelRestConsumer.class);

        @SuppressWarnings("unchecked")
        List<HandlerAdapter> adapters = (List<HandlerAdapter>) ReflectionTestUtils.getField(
                context.getBean(DispatcherServlet.class), "handlerAdapters");
        assertThat(adapters).isNotNull();
        assertThat(adapters.stream().filter(a -> a.supports(handler)).findFirst()).get()
                .isInstanceOf(CamelRestHandlerAdapter.class);
    }

    @Test
    void method_validation_is_relais_own_post_processor_alone() {
        var processors = context.getBeansOfType(MethodValidationPostProcessor.class).values();
        assertThat(processors).hasSize(1);
        assertThat(processors.iterator().next().getClass().getEnclosingClass()).isEqualTo(MethodValidationConfiguration.class);
    }
}
