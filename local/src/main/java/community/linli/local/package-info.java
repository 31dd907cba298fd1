/**
 * The local runtime: template.yaml on this machine, on moto, without Docker. {@link
 * community.linli.local.LocalApp} is the command; the HTTP API gateway, the function runtime and the
 * triggers each play the part of the AWS service they are named after.
 */
package community.linli.local;
