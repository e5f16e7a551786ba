FROM php:8.3-apache-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libzip-dev=1.7.3-1+b1 \
 && docker-php-ext-install zip pdo_mysql \
 && rm -rf /var/lib/apt/lists/*
RUN a2enmod rewrite
COPY --chown=www-data:www-data . /var/www/html/
USER www-data
EXPOSE 80
