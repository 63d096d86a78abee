package io.relais.platform.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** Whatever the servlet container sends to /error (unknown paths, container limits) is answered as problem+json. */
@Controller
class ProblemErrorController implements ErrorController {

    private final ProblemResponder responder;

    ProblemErrorController(ProblemResponder responder) {
        this.responder = responder;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Problem problem;
        if (failure instanceof Throwable t && status >= 500) {
            problem = ProblemMapper.toProblem(t);
        } else {
            HttpStatus known = HttpStatus.resolve(status);
            problem = Problem.of(status, known == null ? "Error" : known.getReasonPhrase(),
                    status == 404 ? "No resource at this path" : (known == null ? "Error" : known.getReasonPhrase()));
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        responder.write(response, uri == null ? problem : problem.at(uri.toString()));
    }
}
