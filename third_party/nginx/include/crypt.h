/* SPDX-License-Identifier: MIT */
/* <crypt.h> for nginx's build (third_party/nginx/nginx.mk): nginx's src/os/unix/ngx_linux_config.h
 * includes it on every Linux, but Debian's musl has neither the header nor crypt(). nginx is
 * configured --without-http_auth_basic_module, the only module that calls crypt() (its
 * configure then finds no crypt() and leaves NGX_CRYPT undefined), so nothing uses what this
 * declares: a build that did would fail at the link, never at run time. */
#ifndef YOLK_NGINX_CRYPT_H
#define YOLK_NGINX_CRYPT_H

char *crypt(const char *key, const char *salt);

#endif
