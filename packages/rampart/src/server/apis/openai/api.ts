import type { ChatApi } from "../../chat-api.js";
import { rewriteOpenAiAnswer } from "./answer.js";
import { isOpenAiErrorBody, openAiErrorBody, openAiErrorEvent } from "./errors.js";
import { readOpenAiRequest } from "./request.js";
import { openAiStreamRewriter } from "./stream.js";

/** OpenAI chat completions, and every server that speaks the same API. */
export const openAiChat: ChatApi = {
  route: "/v1/chat/completions",
  upstream: "openai",
  readRequest: readOpenAiRequest,
  errorBody: openAiErrorBody,
  errorEvent: openAiErrorEvent,
  isErrorBody: isOpenAiErrorBody,
  rewriteStream: openAiStreamRewriter,
  rewriteAnswer: rewriteOpenAiAnswer,
};
