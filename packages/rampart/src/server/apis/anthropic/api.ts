import type { ChatApi } from "../../chat-api.js";
import { rewriteAnthropicAnswer } from "./answer.js";
import { anthropicErrorBody, anthropicErrorEvent, isAnthropicErrorBody } from "./errors.js";
import { readAnthropicRequest } from "./request.js";
import { anthropicStreamRewriter } from "./stream.js";

/** Anthropic's Messages API. */
export const anthropicMessages: ChatApi = {
  route: "/v1/messages",
  upstream: "anthropic",
  readRequest: readAnthropicRequest,
  errorBody: anthropicErrorBody,
  errorEvent: anthropicErrorEvent,
  isErrorBody: isAnthropicErrorBody,
  rewriteStream: anthropicStreamRewriter,
  rewriteAnswer: rewriteAnthropicAnswer,
};
