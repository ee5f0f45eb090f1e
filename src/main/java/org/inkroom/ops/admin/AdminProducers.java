package org.inkroom.ops.admin;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The admin console's access rules, read from configuration once per application. */
@Dependent
public class AdminProducers {

    @Produces
    @Singleton
    AdminAuth adminAuth() {
        return AdminAuth.fromConfig();
    }
}
