package org.inkroom.floor;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Readiness for scripts/wildfly.sh and scripts/payara.sh (they poll /health/live), and the mode in use. */
@WebServlet("/health/live")
public class Health extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().println("floor " + Sending.current() + (Stamp.ON ? (Stamp.SEQ ? " stamped" : " seed frame") : ""));
    }
}
