package io.relais.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.ModelAndView;

/**
 * Runs the handlers the platform-http starter maps for Camel REST verbs: straight into the {@link CamelRestConsumer},
 * before Spring MVC's own adapter would resolve arguments by reflection and start async processing for the future the
 * starter returns. Spring MVC's controllers (the event streams, the consoles) are not Camel consumers and pass by.
 */
class CamelRestHandlerAdapter implements HandlerAdapter, Ordered {

    @Override
    public boolean supports(Object handler) {
        return handler instanceof HandlerMethod method && method.getBean() instanceof CamelRestConsumer;
    }

    @Override
    public ModelAndView handle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ((CamelRestConsumer) ((HandlerMethod) handler).getBean()).serve(request, response);
        return null;
    }

    @Override
    @SuppressWarnings("deprecation")
    public long getLastModified(HttpServletRequest request, Object handler) {
        return -1;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
