import {describe, expect, it} from 'vitest';
import {eventKindOf, kindedEvent, notAnHttpEvent} from './event-kind.js';
import {fixture, fixtureNames, kindOfFixture} from './test-support/fixtures.js';

describe('eventKindOf', () => {
    it.each(fixtureNames)('%s: the kind its file name says', (name) => {
        expect(eventKindOf(fixture(name))).toBe(kindOfFixture(name));
    });

    it('tells a Function URL from an HTTP API by its lambda-url domain only', () => {
        const event = fixture('url__rs_function-url.json');
        expect(eventKindOf(event)).toBe('url');
        event.requestContext.domainName = 'api.example.test';
        expect(eventKindOf(event)).toBe('v2');
        delete event.requestContext.domainName;
        expect(eventKindOf(event)).toBe('v2');
    });

    it('takes an HTTP API sending payload 1.0 as v1', () => {
        const event = fixture('v1__py_apigw-proxy.json');
        expect(event.version).toBe('1.0');
        expect(eventKindOf(event)).toBe('v1');
    });

    it('takes ALB events in either header mode, whatever else they carry', () => {
        const event = fixture('alb__rs_mv-encoded-query.json');
        expect(event.headers).toBeDefined();
        expect(event.multiValueHeaders).toBeDefined();
        expect(eventKindOf(event)).toBe('alb');
    });

    it.each([
        ['undefined', undefined],
        ['null', null],
        ['a string', 'GET /'],
        ['an empty object', {}],
        ['an SQS event', {Records: [{eventSource: 'aws:sqs'}]}],
        ['a direct invoke', {name: 'x'}],
        ['payload 2.0 without requestContext.http', {version: '2.0', rawPath: '/', requestContext: {}}],
        ['an ALB context without a method', {path: '/', requestContext: {elb: {}}}],
        ['a non-string method', {httpMethod: 1, path: '/'}],
    ])('is undefined for %s', (_name, event) => {
        expect(eventKindOf(event)).toBeUndefined();
        expect(kindedEvent(event)).toBeUndefined();
    });

    it('pairs the event with its kind', () => {
        const event = fixture('alb__pt_base.json');
        expect(kindedEvent(event)).toEqual({kind: 'alb', event});
    });
});

describe('notAnHttpEvent', () => {
    it('names what was expected and the keys that came', () => {
        expect(notAnHttpEvent({Records: []}).message).toBe(
            '@hookline/aws-lambda: not an HTTP event (expected API Gateway REST or HTTP API, Function URL or ALB); got {Records}',
        );
        expect(notAnHttpEvent(undefined).message).toContain('got {undefined}');
    });
});
