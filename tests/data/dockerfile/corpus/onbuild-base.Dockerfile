FROM node:20.11-alpine
WORKDIR /usr/src/app
ONBUILD COPY package.json package-lock.json ./
ONBUILD RUN npm ci --omit=dev
ONBUILD COPY . .
USER node
CMD ["npm", "start"]
