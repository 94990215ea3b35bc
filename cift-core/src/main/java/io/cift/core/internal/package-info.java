/**
 * Implementation shared by CIFT's modules; not API.
 */
package io.cift.core.internal;
