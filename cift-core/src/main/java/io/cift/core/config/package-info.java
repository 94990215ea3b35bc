/** The one configuration model: {@code cift.*} settings from explicit values, a properties file and the environment. */
package io.cift.core.config;
